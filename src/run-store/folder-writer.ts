import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent } from '../types/run-events.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { CONFIG_FILE, METRICS_FILE, PARAMS_FILE, RUN_FILE, SUMMARY_FILE, SYNC_FILE } from './files.js';
import type { MetricLine, RunRecord, SweepSummary } from './records.js';

/** `20261128-031502-ae-to-cnn-3f9a1c`: sortable by time, readable, unique across processes. */
export function newRunId(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${name}-${randomBytes(3).toString('hex')}`;
}

/**
 * Listens to a trial's events and keeps its run folder up to date: run.json and params rewritten
 * atomically, metrics appended as JSON lines (one write per line, so a crash can cut at most the
 * last line, which readers skip). Writes are queued so that they land in event order.
 */
export class RunFolderWriter {
  private queue: Promise<void> = Promise.resolve();
  private writeError: unknown;

  constructor(
    readonly dir: string,
    private readonly record: RunRecord,
  ) {}

  static async create(dir: string, record: RunRecord, config: unknown): Promise<RunFolderWriter> {
    await mkdir(dir, { recursive: true });
    await writeJsonAtomic(path.join(dir, CONFIG_FILE), config);
    await writeJsonAtomic(path.join(dir, RUN_FILE), record);
    // A resumed trial starts its metrics afresh rather than appending to a killed attempt's.
    await writeFile(path.join(dir, METRICS_FILE), '');
    return new RunFolderWriter(dir, record);
  }

  get current(): Readonly<RunRecord> {
    return this.record;
  }

  /** The event callback; never throws into the runner (a failed write is reported by flush()). */
  readonly onEvent = (event: RunEvent): void => {
    const work = this.apply(event);
    if (work) this.queue = this.queue.then(work).catch((e: unknown) => void (this.writeError ??= e));
  };

  async flush(): Promise<void> {
    await this.queue;
    if (this.writeError) throw this.writeError;
  }

  private saveRecord = () => writeJsonAtomic(path.join(this.dir, RUN_FILE), this.record);

  private apply(event: RunEvent): (() => Promise<void>) | undefined {
    const r = this.record;
    switch (event.type) {
      case 'run_started':
        r.environment = event.environment;
        return async () => {
          await writeJsonAtomic(path.join(this.dir, PARAMS_FILE), event.params);
          await this.saveRecord();
        };
      case 'stage_started':
        r.stages[event.stage] = { status: 'running', fingerprint: event.fingerprint, metrics: {} };
        return this.saveRecord;
      case 'epoch': {
        const lines = Object.entries(event.metrics).map(([key, value]) =>
          JSON.stringify({ stage: event.stage, key, value, step: event.epoch, time: event.time } satisfies MetricLine),
        );
        return () => appendFile(path.join(this.dir, METRICS_FILE), lines.map((l) => `${l}\n`).join(''));
      }
      case 'stage_finished':
        r.stages[event.stage] = {
          ...r.stages[event.stage],
          status: 'finished',
          metrics: { ...event.metrics },
          seconds: event.seconds,
          cached: event.cached,
        };
        return this.saveRecord;
      case 'stage_failed':
        r.stages[event.stage] = { ...(r.stages[event.stage] ?? { metrics: {} }), status: 'failed', error: event.error };
        return this.saveRecord;
      case 'stage_skipped':
        r.stages[event.stage] = { status: 'skipped', metrics: {}, error: event.reason };
        return this.saveRecord;
      case 'run_finished':
        r.status = event.status;
        r.end_time = new Date(event.time).toISOString();
        r.duration_s = (event.time - Date.parse(r.start_time)) / 1000;
        if (event.error !== undefined) r.error = event.error;
        return this.saveRecord;
      default:
        return undefined;
    }
  }
}

/** Rewrites a run's run.json whole (a sweep's record, as its trials change state). */
export const writeRunRecord = (dir: string, record: RunRecord): Promise<void> =>
  writeJsonAtomic(path.join(dir, RUN_FILE), record);

export const writeSummary = (dir: string, summary: SweepSummary): Promise<void> =>
  writeJsonAtomic(path.join(dir, SUMMARY_FILE), summary);

/** mlflow.json: the sync state per tracking server. */
export const writeSyncFile = (dir: string, state: Readonly<Record<string, unknown>>): Promise<void> =>
  writeJsonAtomic(path.join(dir, SYNC_FILE), state);
