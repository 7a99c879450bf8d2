/**
 * Reading run folders back. Each reader keeps the tolerance its callers have always had: a folder
 * without run.json is no run, a missing params.json is no params, a cut last metrics line is skipped.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isTrialId } from '../util/safe-path.js';
import { CONFIG_FILE, METRICS_FILE, PARAMS_FILE, RUN_FILE, SUMMARY_FILE, SYNC_FILE, TRIALS_DIR } from './files.js';
import type { MetricLine, RunRecord, SweepSummary } from './records.js';

/** A JSON file, or `fallback` when it cannot be read; a file that is there but is not JSON throws. */
async function readJsonOr<T>(file: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return fallback;
  }
  return JSON.parse(text) as T;
}

/** A JSON file, or undefined when it is missing or damaged. */
export async function readJsonIfValid<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Reads a run folder back; tolerant of a cut last metrics line. Throws when run.json cannot be read. */
export async function readRun(dir: string): Promise<{ record: RunRecord; metrics: MetricLine[] }> {
  const record = JSON.parse(await readFile(path.join(dir, RUN_FILE), 'utf8')) as RunRecord;
  let metrics: MetricLine[];
  try {
    const text = await readFile(path.join(dir, METRICS_FILE), 'utf8');
    metrics = text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as MetricLine];
        } catch {
          return [];
        }
      });
  } catch {
    metrics = [];
  }
  return { record, metrics };
}

/**
 * config.json: the resolved experiment. The caller names its type (the run store does not know
 * the experiment's schema). Throws when it cannot be read.
 */
export async function readConfig<C = unknown>(dir: string): Promise<C> {
  return JSON.parse(await readFile(path.join(dir, CONFIG_FILE), 'utf8')) as C;
}

/** config.json, or `fallback` when the folder has none. */
export const readConfigOr = <C>(dir: string, fallback: C): Promise<C> =>
  readJsonOr(path.join(dir, CONFIG_FILE), fallback);

/** params.json; empty when the folder has none (a sweep's own folder). */
export const readParams = (dir: string): Promise<Record<string, unknown>> =>
  readJsonOr<Record<string, unknown>>(path.join(dir, PARAMS_FILE), {});

/** summary.json of a sweep; undefined until the sweep has ended. */
export const readSummary = (dir: string): Promise<SweepSummary | undefined> =>
  readJsonOr<SweepSummary | undefined>(path.join(dir, SUMMARY_FILE), undefined);

/** mlflow.json: the sync state per tracking server, as the tracker wrote it; empty if absent or damaged. */
export async function readSyncFile<S>(dir: string): Promise<Record<string, S>> {
  return (await readJsonIfValid<Record<string, S>>(path.join(dir, SYNC_FILE))) ?? {};
}

/** Run folders under a runs/ root, newest first. */
export async function listRuns(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/** The trial folders a sweep folder holds, by name (unsorted); none when it has no trials/. */
export async function listTrials(sweepDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(sweepDir, TRIALS_DIR), { withFileTypes: true }))
      .filter((e) => e.isDirectory() && isTrialId(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}
