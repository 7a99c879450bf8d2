/**
 * The report's few sentences in words: each autoencoder's test loss, and each classifier that
 * reads an autoencoder's output set against a classifier that reads the data itself, e.g.
 * "The CNN on ae's reconstructions (cnn) reached 97.90% test accuracy against 98.60% for the CNN
 * on the raw digits (cnn_raw): -0.70 points."
 */
import type { ReportRole } from '../stages/definition.js';
import { parseReference } from '../stages/references.js';
import { stageType } from '../stages/registry.js';
import type { ExperimentConfig, StageConfig } from '../types/experiment-config.js';
import type { StageRecord } from '../run-store/index.js';
import type { Predictions } from '../types/stage-files.js';
import {
  chanceAccuracy,
  COLLAPSED,
  dominantPrediction,
  pairedComparison,
  type ClassCounts,
  type PairedComparison,
} from './statistics.js';
import { formatNumber, formatPercent, formatPoints } from './format.js';
import { lossName } from '../stages/train.js';
import { pipelineOf, rootData, type StageInfo } from './pipeline.js';

export interface Finding {
  readonly stage: string;
  readonly text: string;
  /** 'bad' for a stage that failed; a paired comparison carries its difference in points. */
  readonly tone: 'plain' | 'bad';
  readonly points?: number;
}

/** What a classifier stage left besides its metrics: its confusion counts and its per-image predictions. */
export interface StageEvidence {
  /** Test images it was scored on. */
  readonly n?: number;
  readonly counts?: ClassCounts;
  readonly predictions?: Predictions;
}

/** Per classifier (or evaluation of one): to judge a difference, chance and collapse. */
export type Evidence = Readonly<Record<string, StageEvidence>>;

/** How the report treats a stage of this type (its definition's `report.role`). */
const roleOf = (stage: StageConfig | undefined): ReportRole | undefined => stageType(stage?.type)?.report?.role;
/** How the words name a stage: its definition's `subject`, else its type. */
const subjectOf = (s: StageInfo): string => stageType(s.config.type)?.subject?.(s.config, s.name) ?? s.config.type;
/** The stage whose model a `scores-model` stage scores: the node its `model`-kind reference names. */
function scoredModel(s: StageInfo): string | undefined {
  const key = stageType(s.config.type)?.references.find((r) => r.kind === 'model')?.key;
  const ref = key ? (s.config as unknown as Record<string, unknown>)[key] : undefined;
  return typeof ref === 'string' ? parseReference(ref).node : undefined;
}

export function findings(
  config: ExperimentConfig,
  stages: Readonly<Record<string, StageRecord>>,
  evidence: Evidence = {},
): Finding[] {
  const pipeline = pipelineOf(config);
  const out: Finding[] = [];
  const classifiers = pipeline.stages.filter((s) => roleOf(s.config) === 'classification');
  const onData = classifiers.filter((s) => s.reads.output === undefined && config.data?.[s.reads.node] !== undefined);
  const usedAsBaseline = new Set<string>();

  for (const s of pipeline.stages) {
    const record = stages[s.name];
    if (roleOf(s.config) === 'reconstruction') {
      const what = subjectOf(s);
      // Its headline metric, "test_loss" for an autoencoder, named as the metric says ("test loss").
      const metric = stageType(s.config.type)?.headline?.metric ?? 'test_loss';
      const lossSetting = (s.config as { train?: { loss?: string } }).train?.loss;
      const value = record?.metrics[metric];
      if (record?.status === 'finished' && value !== undefined) {
        const train = record.metrics[metric.replace(/^test_/, 'train_')];
        const trainText = train !== undefined ? `; ${formatNumber(train)} on its last training epoch` : '';
        const how = [lossSetting ? lossName(lossSetting) : '', trainText].join('').replace(/^; /, '');
        out.push({
          stage: s.name,
          tone: 'plain',
          text: `${what} reached a ${metric.replace(/_/g, ' ')} of ${formatNumber(value)}${how ? ` (${how})` : ''}.`,
        });
      } else {
        out.push(notDone(s.name, what, record));
      }
      continue;
    }
    if (roleOf(s.config) !== 'classification') continue;
    const reads = s.reads;
    const source = config.stages?.[reads.node];
    if (reads.output === undefined || roleOf(source) !== 'reconstruction') continue; // direct readers are the baselines, below
    const what = `The ${subjectOf(s)} on ${reads.node}'s ${reads.output} (${s.name})`;
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
    const a = evidence[s.name];
    const b = evidence[baseline.name];
    const paired = a?.predictions && b?.predictions ? pairedComparison(a.predictions, b.predictions) : undefined;
    const judged = paired ? pairedWords(paired, s.name, baseline.name) : withinNoise(acc, baseAcc, a?.n, b?.n);
    out.push({
      stage: s.name,
      tone: 'plain',
      points: (acc - baseAcc) * 100,
      text: `${what} reached ${formatPercent(acc)} test accuracy against ${formatPercent(baseAcc)} for the ${subjectOf(baseline)} on the raw ${baseline.reads.node} (${baseline.name}): ${formatPoints(acc, baseAcc)}${judged}.`,
    });
  }

  // Classifiers no better than guessing, and classifiers that answer one class for most images.
  for (const s of pipeline.stages) {
    const role = roleOf(s.config);
    const model = scoredModel(s);
    const isClassifier =
      role === 'classification' ||
      (role === 'scores-model' && model !== undefined && roleOf(config.stages?.[model]) === 'classification');
    const record = stages[s.name];
    const acc = record?.metrics.test_acc;
    const counts = evidence[s.name]?.counts;
    if (!isClassifier || record?.status !== 'finished' || acc === undefined || !counts) continue;
    out.push(...healthFindings(s.name, acc, counts));
  }

  // Classifiers on the data that no comparison named: say where they got.
  for (const s of onData) {
    if (usedAsBaseline.has(s.name)) continue;
    const record = stages[s.name];
    const what = `The ${subjectOf(s)} on the raw ${s.reads.node} (${s.name})`;
    const acc = record?.metrics.test_acc;
    out.push(
      record?.status === 'finished' && acc !== undefined
        ? { stage: s.name, tone: 'plain', text: `${what} reached ${formatPercent(acc)} test accuracy.` }
        : notDone(s.name, what, record),
    );
  }

  // A trained classifier scored on other inputs (noisy, denoised): against its own test accuracy.
  for (const s of pipeline.stages) {
    const modelStage = scoredModel(s);
    if (roleOf(s.config) !== 'scores-model' || modelStage === undefined) continue;
    if (roleOf(config.stages?.[modelStage]) !== 'classification') continue;
    const acc = stages[s.name]?.metrics.test_acc;
    const own = stages[modelStage]?.metrics.test_acc;
    if (stages[s.name]?.status !== 'finished' || acc === undefined) {
      out.push(notDone(s.name, `${modelStage} on ${String(s.config.input)} (${s.name})`, stages[s.name]));
      continue;
    }
    const against =
      own !== undefined ? ` against ${formatPercent(own)} on its own test images: ${formatPoints(acc, own)}` : '';
    out.push({
      stage: s.name,
      tone: 'plain',
      ...(own !== undefined ? { points: (acc - own) * 100 } : {}),
      text: `${modelStage} scored ${formatPercent(acc)} on ${String(s.config.input)} (${s.name})${against}.`,
    });
  }
  return out;
}

/** The fairest baseline: same data at the root, then same kind of model (as the words name it), then file order. */
/**
 * The classifier on the raw data that a classifier on an autoencoder's reconstructions is set
 * against (the one the words compare it with), or undefined when it reads no reconstructions.
 */
export function reconstructionBaseline(config: ExperimentConfig, name: string): string | undefined {
  const pipeline = pipelineOf(config);
  const s = pipeline.stages.find((x) => x.name === name);
  if (!s || roleOf(s.config) !== 'classification' || s.reads.output !== 'reconstructions') return undefined;
  if (roleOf(config.stages?.[s.reads.node]) !== 'reconstruction') return undefined;
  const onData = pipeline.stages.filter(
    (x) =>
      roleOf(x.config) === 'classification' &&
      x.reads.output === undefined &&
      config.data?.[x.reads.node] !== undefined,
  );
  return pickBaseline(config, s, onData)?.name;
}

function pickBaseline(config: ExperimentConfig, clf: StageInfo, onData: readonly StageInfo[]): StageInfo | undefined {
  const root = rootData(config, clf.reads);
  const kind = subjectOf(clf);
  const score = (b: StageInfo) => (b.reads.node === root ? 2 : 0) + (subjectOf(b) === kind ? 1 : 0);
  return [...onData].sort((a, b) => score(b) - score(a))[0];
}

/**
 * The paired verdict, e.g. ", 95% interval -1.9 to +0.5 points; of the 23 test images only one of
 * them classified right, cnn got 10 and cnn_raw 13 (McNemar's exact test p = 0.68): within the noise".
 */
export function pairedWords(c: PairedComparison, a: string, b: string): string {
  const pts = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : '±'}${Math.abs(x * 100).toFixed(1)}`;
  const discordant = c.onlyA + c.onlyB;
  const verdict =
    c.p < 0.05
      ? `a real difference at the 5% level`
      : `within the noise (no evidence at the 5% level that either is better)`;
  return (
    `, 95% interval ${pts(c.low)} to ${pts(c.high)} points; of the ${c.n} test images, ${discordant} were classified right by only one of them, ` +
    `${c.onlyA} by ${a} and ${c.onlyB} by ${b} (McNemar's exact test p ${formatP(c.p)}): ${verdict}`
  );
}

/** "= 0.68", "= 0.004", "< 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return `= ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** Flags for a classifier at or below chance, and for one that predicts one class for most images. */
export function healthFindings(stage: string, acc: number, counts: ClassCounts): Finding[] {
  const out: Finding[] = [];
  const chance = chanceAccuracy(counts);
  // Accuracies are float32 (0.14 is 0.14000000059604645): equal to chance counts as at chance.
  if (acc <= chance + 1e-6)
    out.push({
      stage,
      tone: 'bad',
      text: `${stage} is at or below chance: ${formatPercent(acc)} test accuracy, where guessing gets ${formatPercent(chance)} (the better of 1 in ${counts.labels.length} and always answering the commonest class); it has learnt nothing usable.`,
    });
  const top = dominantPrediction(counts);
  const n = counts.labels.reduce((x, y) => x + y, 0);
  const trueShare = n ? (counts.labels[top.cls] ?? 0) / n : 0;
  if (top.share >= COLLAPSED && trueShare < COLLAPSED)
    out.push({
      stage,
      tone: 'bad',
      text: `${stage} has collapsed: it predicts class ${top.cls} for ${formatPercent(top.share, 0)} of the test images, which hold ${formatPercent(trueShare, 0)} of that class.`,
    });
  return out;
}

/** Two accuracies on test sets of n images differ by noise alone by about 2 standard errors (unpaired). */
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
