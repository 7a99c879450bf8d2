/**
 * Reads what the run store left in a run or sweep folder. Tolerant: a report of a failed or
 * killed run is the one most worth having, so a missing or damaged file leaves its part of the
 * report out instead of failing.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentConfig } from '../types/experiment-config.js';
import { isStageName, isTrialId } from '../util/safe-path.js';
import { CONFUSION, EVALUATION, FIGURE, PREDICTIONS } from '../stages/artifacts.js';
import { stageType } from '../stages/registry.js';
import type { Evaluation, Predictions } from '../types/stage-files.js';
import {
  CONFIG_FILE,
  listTrials,
  readJsonIfValid,
  readRun,
  readSchedulerState,
  REPORT_FILE,
  stageDir,
  SUMMARY_FILE,
  trialDir,
  type MetricLine,
  type RunRecord,
  type SweepRecord,
  type SweepSummary,
} from '../run-store/index.js';
import type { AshaState } from '../types/scheduler.js';

export interface StageFiles {
  readonly figure?: Buffer;
  readonly confusion?: Buffer;
  readonly evaluation?: Evaluation;
  readonly predictions?: Predictions;
  /** The other pictures its definition shows in the report (`report.pictures`), by file name. */
  readonly pictures?: Readonly<Record<string, Buffer>>;
}

export type { Evaluation };

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

/** predictions.json of a stage folder; undefined when the stage wrote none (older runs) or it is damaged. */
async function readPredictions(folder: string): Promise<Predictions | undefined> {
  const p = await readJsonIfValid<Predictions>(path.join(folder, PREDICTIONS.file));
  return p && Array.isArray(p.labels) && Array.isArray(p.predicted) && p.labels.length === p.predicted.length
    ? p
    : undefined;
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
      const picture = (file: string) => (opts.pictures === false ? undefined : maybeRead(path.join(folder, file)));
      const declared = (stageType(config?.stages?.[name]?.type)?.report?.pictures ?? [])
        .map((p) => p.file)
        .filter((f) => f !== FIGURE.file && f !== CONFUSION.file);
      const [figure, confusion, evaluation, predictions, ...others] = await Promise.all([
        picture(FIGURE.file),
        picture(CONFUSION.file),
        readJsonIfValid<Evaluation>(path.join(folder, EVALUATION.file)),
        readPredictions(folder),
        ...declared.map(picture),
      ]);
      const pictures = Object.fromEntries(
        declared.flatMap((f, i) => (others[i] ? [[f, others[i]] as [string, Buffer]] : [])),
      );
      files[name] = {
        ...(figure ? { figure } : {}),
        ...(confusion ? { confusion } : {}),
        ...(evaluation ? { evaluation } : {}),
        ...(predictions ? { predictions } : {}),
        ...(Object.keys(pictures).length ? { pictures } : {}),
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
  /** The sweep's scheduler log (scheduler.json), or what was wrong with it. */
  readonly scheduler?: AshaState | { readonly error: string };
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
  const scheduler = await readSchedulerState(dir).catch((e: unknown) => ({
    error: e instanceof Error ? e.message : String(e),
  }));
  return {
    dir,
    ...(scheduler ? { scheduler } : {}),
    record: { ...sweep, trials: sweep.trials ?? {} },
    ...(config ? { config } : {}),
    ...(summary ? { summary } : {}),
    trialIds: ids,
    trials,
    trialReports,
  };
}
