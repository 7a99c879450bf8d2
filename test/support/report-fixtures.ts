/**
 * Run and sweep folders written the way the run store writes them (run.json, config.json,
 * params.json, metrics.jsonl, stages/<name>/...), with small real PNGs drawn by src/pictures, so
 * that the report is tested on the files it will really read, without training anything.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExperimentConfig, StageConfig } from '../../src/types/experiment-config.js';
import type { EnvironmentInfo } from '../../src/types/run-events.js';
import { autoencoderFigure, confusionMatrixChart, perClassScores, toPng } from '../../src/pictures/index.js';
import type { Samples } from '../../src/models/types.js';
import type { MetricLine, RunRecord, StageRecord } from '../../src/run-store/index.js';

export const ENVIRONMENT: EnvironmentInfo = {
  backend: 'wasm',
  aelab: '0.1.0',
  node: 'v20.20.2',
  tfjs: '4.22.0',
  platform: 'linux x64',
  hostname: 'lab-1',
  gitCommit: 'ee3bec8',
};

const train = (epochs: number, loss: 'binary_crossentropy' | 'mse' = 'binary_crossentropy') => ({
  epochs,
  batch_size: 128,
  optimizer: { name: 'adam' as const, learning_rate: 0.001 },
  loss,
  shuffle: true,
});

export interface RunOptions {
  readonly name?: string;
  readonly description?: string;
  /** Names of the autoencoder, the classifier on its reconstructions and the one on the raw digits. */
  readonly ae?: string;
  readonly cnn?: string;
  readonly raw?: string;
  readonly latent?: number;
  readonly aeTestLoss?: number;
  readonly cnnAcc?: number;
  readonly rawAcc?: number;
  readonly epochs?: number;
  readonly kind?: RunRecord['kind'];
  readonly trial?: string;
  readonly assignment?: Record<string, unknown>;
  readonly status?: RunRecord['status'];
  /** Leave the classifier on reconstructions failed with this error. */
  readonly cnnError?: string;
  readonly pictures?: boolean;
}

export function experimentConfig(o: RunOptions = {}): ExperimentConfig {
  const ae = o.ae ?? 'ae';
  const stages: Record<string, StageConfig> = {
    [ae]: {
      type: 'autoencoder',
      input: 'digits',
      variant: 'undercomplete',
      latent: o.latent ?? 32,
      activation: 'relu',
      output_activation: 'sigmoid',
      train: train(o.epochs ?? 5),
    },
    [o.cnn ?? 'cnn']: {
      type: 'classifier',
      input: `${ae}.reconstructions`,
      arch: 'cnn',
      filters: [32, 64],
      dense: [128],
      dropout: 0.25,
      dense_dropout: 0.25,
      train: train(o.epochs ?? 5),
    },
    [o.raw ?? 'cnn_raw']: {
      type: 'classifier',
      input: 'digits',
      arch: 'cnn',
      filters: [32, 64],
      dense: [128],
      dropout: 0.25,
      dense_dropout: 0.25,
      train: train(o.epochs ?? 5),
    },
  };
  return {
    name: o.name ?? 'ae-to-cnn',
    ...(o.description !== undefined ? { description: o.description } : {}),
    seed: 42,
    data: { digits: { source: 'mnist', train: 800, test: 200 } },
    stages,
  };
}

/** A digit-like blob: a bright ring whose size depends on `i`, so the figure shows distinct images. */
function samples(n: number, shape: readonly number[], f: (i: number, j: number) => number): Samples {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * size);
  for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) x[i * size + j] = f(i, j);
  return { x, n, shape };
}

function ring(i: number, j: number, blur = 0): number {
  const r = Math.floor(j / 28) - 13.5;
  const c = (j % 28) - 13.5;
  const d = Math.abs(Math.hypot(r, c) - (5 + (i % 5)));
  return Math.max(0, Math.min(1, 1 - d / (2 + blur)));
}

export async function aeFigurePng(latent: number): Promise<Buffer> {
  const originals = samples(10, [28, 28, 1], (i, j) => ring(i, j));
  const codes = samples(10, [latent], (i, j) => Math.abs(Math.sin(i * 7 + j)));
  const recon = samples(10, [28, 28, 1], (i, j) => ring(i, j, 1.5) * 0.9);
  return autoencoderFigure(originals, codes, recon, { count: 10 });
}

/** A 10-class confusion matrix with `acc` of `perClass` images per class on the diagonal. */
export function confusion(acc: number, perClass = 200): number[][] {
  return Array.from({ length: 10 }, (_, t) => {
    const row = new Array<number>(10).fill(0);
    const right = Math.round(acc * perClass);
    row[t] = right;
    row[(t + 3) % 10] = perClass - right;
    return row;
  });
}

function curve(epochs: number, start: number, end: number): number[] {
  return Array.from({ length: epochs }, (_, e) => end + (start - end) * Math.exp(-e / Math.max(1, epochs / 3)));
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a complete run folder into `dir` and returns it. */
export async function writeRunFolder(dir: string, o: RunOptions = {}): Promise<string> {
  const config = experimentConfig(o);
  const [ae, cnn, raw] = Object.keys(config.stages) as [string, string, string];
  const epochs = o.epochs ?? 5;
  const aeLoss = o.aeTestLoss ?? 0.0921;
  const cnnAcc = o.cnnAcc ?? 0.979;
  const rawAcc = o.rawAcc ?? 0.986;
  const lines: MetricLine[] = [];
  const t0 = Date.parse('2026-11-28T03:15:02Z');
  const log = (stage: string, key: string, values: number[]) =>
    values.forEach((value, e) => lines.push({ stage, key, value, step: e + 1, time: t0 + e * 1000 }));
  log(ae, 'loss', curve(epochs, 0.28, aeLoss - 0.002));
  log(ae, 'val_loss', curve(epochs, 0.27, aeLoss));
  for (const [name, acc] of [
    [cnn, cnnAcc],
    [raw, rawAcc],
  ] as const) {
    if (name === cnn && o.cnnError) continue;
    log(name, 'loss', curve(epochs, 1.2, 0.05 + (1 - acc) * 2));
    log(name, 'val_loss', curve(epochs, 0.6, 0.07 + (1 - acc) * 2));
    log(name, 'acc', curve(epochs, 0.6, acc + 0.005));
    log(name, 'val_acc', curve(epochs, 0.8, acc));
  }
  const stages: Record<string, StageRecord> = {
    [ae]: {
      status: 'finished',
      fingerprint: 'f1',
      metrics: { test_loss: aeLoss, train_loss: aeLoss - 0.002 },
      seconds: 41.3,
      cached: false,
    },
    [cnn]: o.cnnError
      ? { status: 'failed', fingerprint: 'f2', metrics: {}, error: o.cnnError }
      : {
          status: 'finished',
          fingerprint: 'f2',
          metrics: { test_acc: cnnAcc, test_loss: 0.071, train_acc: cnnAcc + 0.005, train_loss: 0.05 },
          seconds: 95.2,
          cached: false,
        },
    [raw]: {
      status: 'finished',
      fingerprint: 'f3',
      metrics: { test_acc: rawAcc, test_loss: 0.052, train_acc: rawAcc + 0.004, train_loss: 0.04 },
      seconds: 93.8,
      cached: false,
    },
  };
  const record: RunRecord = {
    id: o.trial ? `20261128-031502-${config.name}-3f9a1c/${o.trial}` : `20261128-031502-${config.name}-3f9a1c`,
    name: config.name,
    kind: o.kind ?? 'run',
    experiment_file: 'experiments/ae-to-cnn.yaml',
    ...(o.trial ? { parent: `20261128-031502-${config.name}-3f9a1c`, trial: o.trial } : {}),
    ...(o.assignment ? { assignment: o.assignment } : {}),
    status: o.status ?? (o.cnnError ? 'failed' : 'finished'),
    start_time: '2026-11-28T03:15:02.000Z',
    end_time: '2026-11-28T03:18:52.500Z',
    duration_s: 230.5,
    ...(o.cnnError ? { error: `stage ${cnn} failed` } : {}),
    seed: 42,
    environment: ENVIRONMENT,
    stages,
  };
  await writeJson(path.join(dir, 'run.json'), record);
  await writeJson(path.join(dir, 'config.json'), config);
  await writeJson(path.join(dir, 'params.json'), {
    seed: 42,
    [`stages.${ae}.latent`]: config.stages[ae]!.type === 'autoencoder' ? (o.latent ?? 32) : 0,
  });
  await writeFile(path.join(dir, 'metrics.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  if (o.pictures !== false) {
    await mkdir(path.join(dir, 'stages', ae), { recursive: true });
    await writeFile(path.join(dir, 'stages', ae, 'figure.png'), await aeFigurePng(o.latent ?? 32));
    for (const [name, acc] of [
      [cnn, cnnAcc],
      [raw, rawAcc],
    ] as const) {
      if (name === cnn && o.cnnError) continue;
      const matrix = confusion(acc);
      const chart = await confusionMatrixChart(
        matrix,
        Array.from({ length: 10 }, (_, i) => String(i)),
        { title: `${name}: test confusion matrix` },
      );
      await mkdir(path.join(dir, 'stages', name), { recursive: true });
      await writeFile(path.join(dir, 'stages', name, 'confusion.png'), toPng(chart.svg));
      await writeJson(path.join(dir, 'stages', name, 'evaluation.json'), {
        test_loss: 0.07,
        test_acc: acc,
        confusion_matrix: matrix,
        per_class: perClassScores(matrix),
      });
    }
  }
  return dir;
}

export async function tempDir(prefix = 'aelab-report-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface SweepTrialSpec {
  readonly id: string;
  readonly latent: number;
  readonly aeTestLoss: number;
  readonly cnnAcc: number;
  readonly status?: RunRecord['status'];
}

export const LATENT_TRIALS: readonly SweepTrialSpec[] = [
  { id: 't000', latent: 4, aeTestLoss: 0.182, cnnAcc: 0.912 },
  { id: 't001', latent: 16, aeTestLoss: 0.121, cnnAcc: 0.968 },
  { id: 't002', latent: 64, aeTestLoss: 0.0874, cnnAcc: 0.981 },
  { id: 't003', latent: 128, aeTestLoss: 0.0852, cnnAcc: 0.978 },
];

/** A finished grid sweep over stages.ae.latent, with summary.json and a run folder per trial. */
export async function writeSweepFolder(
  dir: string,
  trials: readonly SweepTrialSpec[] = LATENT_TRIALS,
  o: { name?: string } = {},
): Promise<string> {
  const name = o.name ?? 'sweep-latent';
  const base = experimentConfig({ name });
  const config: ExperimentConfig = {
    ...base,
    sweep: { grid: { 'stages.ae.latent': trials.map((t) => t.latent) }, parallel: 2 },
  };
  const rawAcc = 0.986;
  const summaryTrials = [];
  const recordTrials: Record<
    string,
    { status: RunRecord['status'] | 'pending'; assignment: Record<string, unknown>; error?: string }
  > = {};
  for (const t of trials) {
    const assignment = { 'stages.ae.latent': t.latent };
    const failed = t.status === 'failed';
    await writeRunFolder(path.join(dir, 'trials', t.id), {
      name,
      latent: t.latent,
      aeTestLoss: t.aeTestLoss,
      cnnAcc: t.cnnAcc,
      rawAcc,
      kind: 'trial',
      trial: t.id,
      assignment,
      ...(failed ? { cnnError: 'Error: out of memory\n    at train (models/classifier.js:10:5)' } : {}),
    });
    recordTrials[t.id] = {
      status: failed ? 'failed' : 'finished',
      assignment,
      ...(failed ? { error: 'stage cnn failed' } : {}),
    };
    const metrics: Record<string, number> = {
      'ae.test_loss': t.aeTestLoss,
      'cnn_raw.test_acc': rawAcc,
      'cnn_raw.test_loss': 0.052,
    };
    if (!failed) Object.assign(metrics, { 'cnn.test_acc': t.cnnAcc, 'cnn.test_loss': 0.07 });
    summaryTrials.push({
      id: t.id,
      status: failed ? 'failed' : 'finished',
      assignment,
      metrics,
      seconds: 120 + t.latent / 4,
    });
  }
  const finished = summaryTrials.filter((t) => t.status === 'finished' && t.metrics['cnn.test_acc'] !== undefined);
  const best = [...finished].sort((a, b) => b.metrics['cnn.test_acc']! - a.metrics['cnn.test_acc']!)[0]?.id;
  await writeJson(path.join(dir, 'run.json'), {
    id: `20261128-040000-${name}-aa11bb`,
    name,
    kind: 'sweep',
    experiment_file: 'experiments/sweep-latent.yaml',
    status: Object.values(recordTrials).some((t) => t.status === 'failed') ? 'failed' : 'finished',
    start_time: '2026-11-28T04:00:00.000Z',
    end_time: '2026-11-28T04:09:30.000Z',
    duration_s: 570,
    seed: 42,
    environment: ENVIRONMENT,
    stages: {},
    settings: {
      experimentFile: 'experiments/sweep-latent.yaml',
      backend: 'wasm',
      parallel: 2,
      failFast: false,
      cache: true,
    },
    trials: recordTrials,
  });
  await writeJson(path.join(dir, 'config.json'), config);
  await writeJson(path.join(dir, 'summary.json'), {
    objective: { key: 'cnn.test_acc', maximize: true },
    ...(best ? { best } : {}),
    trials: summaryTrials,
  });
  return dir;
}

/** A report's text as a reader sees it: no styles or tags, entities decoded, spaces folded. */
export function visibleText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
