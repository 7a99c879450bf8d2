/**
 * The report's few sentences in words: each autoencoder's test loss, and each classifier that
 * reads an autoencoder's output set against a classifier that reads the data itself, e.g.
 * "The CNN on ae's reconstructions (cnn) reached 97.90% test accuracy against 98.60% for the CNN
 * on the raw digits (cnn_raw): -0.70 points."
 */
import { parseReference } from '../stages/references.js';
import type { ClassifierStageConfig, ExperimentConfig } from '../types/experiment-config.js';
import type { StageRecord } from '../run-store/index.js';
import { formatNumber, formatPercent, formatPoints } from './format.js';
import { archName } from '../stages/classifier/definition.js';
import { lossName } from '../stages/train.js';
import { pipelineOf, rootData, type StageInfo } from './pipeline.js';

export interface Finding {
  readonly stage: string;
  readonly text: string;
  /** 'bad' for a stage that failed; a paired comparison carries its difference in points. */
  readonly tone: 'plain' | 'bad';
  readonly points?: number;
}

/** Test-set sizes per classifier (from evaluation.json), to say when a difference is within noise. */
export type TestSizes = Readonly<Record<string, number>>;

export function findings(
  config: ExperimentConfig,
  stages: Readonly<Record<string, StageRecord>>,
  testSizes: TestSizes = {},
): Finding[] {
  const pipeline = pipelineOf(config);
  const out: Finding[] = [];
  const classifiers = pipeline.stages.filter((s) => s.config.type === 'classifier');
  const onData = classifiers.filter((s) => s.reads.output === undefined && config.data?.[s.reads.node] !== undefined);
  const usedAsBaseline = new Set<string>();

  for (const s of pipeline.stages) {
    const record = stages[s.name];
    if (s.config.type === 'autoencoder') {
      const ae = s.config;
      const what = `The ${ae.variant ? `${ae.variant} ` : ''}autoencoder ${s.name} (latent ${ae.latent})`;
      const loss = record?.metrics.test_loss;
      if (record?.status === 'finished' && loss !== undefined) {
        const train = record.metrics.train_loss;
        const trainText = train !== undefined ? `; ${formatNumber(train)} on its last training epoch` : '';
        out.push({
          stage: s.name,
          tone: 'plain',
          text: `${what} reached a test loss of ${formatNumber(loss)} (${lossName(ae.train?.loss ?? '')}${trainText}).`,
        });
      } else {
        out.push(notDone(s.name, what, record));
      }
      continue;
    }
    if (s.config.type !== 'classifier') continue;
    const reads = s.reads;
    const source = config.stages?.[reads.node];
    if (reads.output === undefined || source?.type !== 'autoencoder') continue; // direct readers are the baselines, below
    const what = `The ${archName(s.config)} on ${reads.node}'s ${reads.output} (${s.name})`;
    const acc = record?.metrics.test_acc;
    if (record?.status !== 'finished' || acc === undefined) {
      out.push(notDone(s.name, what, record));
      continue;
    }
    const baseline = pickBaseline(config, s, onData);
    const baseAcc = baseline ? stages[baseline.name]?.metrics.test_acc : undefined;
    if (!baseline || baseAcc === undefined || stages[baseline.name]?.status !== 'finished') {
      const why = baseline
        ? `; its baseline ${baseline.name} has no test accuracy`
        : '; no classifier reads the data directly to compare with';
      out.push({ stage: s.name, tone: 'plain', text: `${what} reached ${formatPercent(acc)} test accuracy${why}.` });
      continue;
    }
    usedAsBaseline.add(baseline.name);
    const noise = withinNoise(acc, baseAcc, testSizes[s.name], testSizes[baseline.name]);
    out.push({
      stage: s.name,
      tone: 'plain',
      points: (acc - baseAcc) * 100,
      text: `${what} reached ${formatPercent(acc)} test accuracy against ${formatPercent(baseAcc)} for the ${archName(baseline.config as ClassifierStageConfig)} on the raw ${baseline.reads.node} (${baseline.name}): ${formatPoints(acc, baseAcc)}${noise}.`,
    });
  }

  // Classifiers on the data that no comparison named: say where they got.
  for (const s of onData) {
    if (usedAsBaseline.has(s.name)) continue;
    const record = stages[s.name];
    const what = `The ${archName(s.config as ClassifierStageConfig)} on the raw ${s.reads.node} (${s.name})`;
    const acc = record?.metrics.test_acc;
    out.push(
      record?.status === 'finished' && acc !== undefined
        ? { stage: s.name, tone: 'plain', text: `${what} reached ${formatPercent(acc)} test accuracy.` }
        : notDone(s.name, what, record),
    );
  }

  // A trained classifier scored on other inputs (noisy, denoised): against its own test accuracy.
  for (const s of pipeline.stages) {
    if (s.config.type !== 'evaluate') continue;
    const modelStage = parseReference(s.config.model).node;
    if (config.stages?.[modelStage]?.type !== 'classifier') continue;
    const acc = stages[s.name]?.metrics.test_acc;
    const own = stages[modelStage]?.metrics.test_acc;
    if (stages[s.name]?.status !== 'finished' || acc === undefined) {
      out.push(notDone(s.name, `${modelStage} on ${s.config.input} (${s.name})`, stages[s.name]));
      continue;
    }
    const against =
      own !== undefined ? ` against ${formatPercent(own)} on its own test images: ${formatPoints(acc, own)}` : '';
    out.push({
      stage: s.name,
      tone: 'plain',
      ...(own !== undefined ? { points: (acc - own) * 100 } : {}),
      text: `${modelStage} scored ${formatPercent(acc)} on ${s.config.input} (${s.name})${against}.`,
    });
  }
  return out;
}

/** The fairest baseline: same data at the root, then same architecture, then file order. */
function pickBaseline(config: ExperimentConfig, clf: StageInfo, onData: readonly StageInfo[]): StageInfo | undefined {
  const root = rootData(config, clf.reads);
  const arch = (clf.config as ClassifierStageConfig).arch;
  const score = (b: StageInfo) =>
    (b.reads.node === root ? 2 : 0) + ((b.config as ClassifierStageConfig).arch === arch ? 1 : 0);
  return [...onData].sort((a, b) => score(b) - score(a))[0];
}

/** Two accuracies on test sets of n images differ by noise alone by about 2 standard errors. */
function withinNoise(a: number, b: number, na: number | undefined, nb: number | undefined): string {
  if (!na || !nb) return '';
  const se = Math.sqrt((a * (1 - a)) / na + (b * (1 - b)) / nb);
  if (Math.abs(a - b) >= 2 * se) return '';
  return na === nb ? `, within the noise of a ${na}-image test set` : `, within the noise of the test sets`;
}

function notDone(stage: string, what: string, record: StageRecord | undefined): Finding {
  if (!record) return { stage, tone: 'bad', text: `${what} did not run.` };
  const reason = record.error ? `: ${firstLine(record.error)}` : '';
  switch (record.status) {
    case 'failed':
      return { stage, tone: 'bad', text: `${what} failed${reason}.` };
    case 'skipped':
      return { stage, tone: 'bad', text: `${what} was skipped${reason}.` };
    case 'running':
      return { stage, tone: 'bad', text: `${what} did not finish.` };
    default:
      return { stage, tone: 'bad', text: `${what} finished without a test metric.` };
  }
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
