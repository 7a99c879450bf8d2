/**
 * Reads what the run store left in a run or sweep folder. Tolerant: a report of a failed or
 * killed run is the one most worth having, so a missing or damaged file leaves its part of the
 * report out instead of failing.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentConfig } from '../types/experiment-config.js';
import { isStageName, isTrialId } from '../util/safe-path.js';
import {
  CONFIG_FILE,
  listTrials,
  readJsonIfValid,
  readPredictions,
  type Predictions,
  readRun,
  REPORT_FILE,
  stageDir,
  SUMMARY_FILE,
  trialDir,
  type MetricLine,
  type RunRecord,
  type SweepRecord,
  type SweepSummary,
} from '../run-store/index.js';

export interface Evaluation {
  readonly test_loss?: number;
  readonly test_acc?: number;
  readonly confusion_matrix?: readonly (readonly number[])[];
  /** precision, recall, f1 are null in JSON where they were NaN (no sample predicted or present). */
  readonly per_class?: readonly {
    cls: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    support: number;
  }[];
}

export interface StageFiles {
  readonly figure?: Buffer;
  readonly confusion?: Buffer;
  readonly evaluation?: Evaluation;
  readonly predictions?: Predictions;
}

export interface RunFolder {
  readonly dir: string;
  readonly record: RunRecord;
  readonly config?: ExperimentConfig;
  readonly metrics: readonly MetricLine[];
  readonly files: Readonly<Record<string, StageFiles>>;
}

async function maybeRead(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** A run (or trial) folder. Throws only when run.json itself cannot be read: then there is no run. */
export async function readRunFolder(dir: string, opts: { pictures?: boolean } = {}): Promise<RunFolder> {
  const { record, metrics } = await readRun(dir);
  const config = await readJsonIfValid<ExperimentConfig>(path.join(dir, CONFIG_FILE));
  // Names from a shared folder: only those that are stage names become paths.
  const names = new Set(
    [...Object.keys(config?.stages ?? {}), ...Object.keys(record.stages ?? {})].filter((n) => isStageName(n)),
  );
  const files: Record<string, StageFiles> = {};
  await Promise.all(
    [...names].map(async (name) => {
      const folder = stageDir(dir, name);
      const [figure, confusion, evaluation, predictions] = await Promise.all([
        opts.pictures === false ? undefined : maybeRead(path.join(folder, 'figure.png')),
        opts.pictures === false ? undefined : maybeRead(path.join(folder, 'confusion.png')),
        readJsonIfValid<Evaluation>(path.join(folder, 'evaluation.json')),
        readPredictions(dir, name),
      ]);
      files[name] = {
        ...(figure ? { figure } : {}),
        ...(confusion ? { confusion } : {}),
        ...(evaluation ? { evaluation } : {}),
        ...(predictions ? { predictions } : {}),
      };
    }),
  );
  return { dir, record: { ...record, stages: record.stages ?? {} }, ...(config ? { config } : {}), metrics, files };
}

export interface SweepFolder {
  readonly dir: string;
  readonly record: SweepRecord;
  readonly config?: ExperimentConfig;
  readonly summary?: SweepSummary;
  /** Every trial id known from run.json, summary.json or trials/, in plan order. */
  readonly trialIds: readonly string[];
  /** Trial folders that could be read, by trial id. */
  readonly trials: ReadonlyMap<string, RunFolder>;
  /** Trial ids whose report.html exists, to link to. */
  readonly trialReports: ReadonlySet<string>;
}

export async function readSweepFolder(dir: string): Promise<SweepFolder> {
  const { record } = await readRun(dir);
  const config = await readJsonIfValid<ExperimentConfig>(path.join(dir, CONFIG_FILE));
  const summary = await readJsonIfValid<SweepSummary>(path.join(dir, SUMMARY_FILE));
  const sweep = record as SweepRecord;
  const listed = await listTrials(dir);
  const ids = [
    ...new Set([...Object.keys(sweep.trials ?? {}), ...(summary?.trials.map((t) => t.id) ?? []), ...listed]),
  ].filter((id) => isTrialId(id));
  const trials = new Map<string, RunFolder>();
  const trialReports = new Set<string>();
  await Promise.all(
    ids.map(async (id) => {
      const folderDir = trialDir(dir, id);
      // Only the best trial's pictures are shown; the rest need just numbers and curves.
      const folder = await readRunFolder(folderDir, { pictures: false }).catch(() => undefined);
      if (folder) trials.set(id, folder);
      if (
        await access(path.join(folderDir, REPORT_FILE)).then(
          () => true,
          () => false,
        )
      )
        trialReports.add(id);
    }),
  );
  return {
    dir,
    record: { ...sweep, trials: sweep.trials ?? {} },
    ...(config ? { config } : {}),
    ...(summary ? { summary } : {}),
    trialIds: ids,
    trials,
    trialReports,
  };
}
