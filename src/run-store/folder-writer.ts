import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent } from '../types/run-events.js';
import { writeJsonAtomic, WriteError } from '../util/atomic.js';
import { CONFIG_FILE, METRICS_FILE, PARAMS_FILE, RUN_FILE, SUMMARY_FILE, SYNC_FILE } from './files.js';
import type { MetricLine, RunRecord, SweepSummary } from './records.js';

/** `20261128-031502-ae-to-cnn-3f9a1c`: sortable by time, readable, unique across processes. */
export function newRunId(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${name}-${randomBytes(3).toString('hex')}`;
}

const MAX_WARNINGS = 20;

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
    const metrics = path.join(dir, METRICS_FILE);
    await writeFile(metrics, '').catch((e: unknown) => {
      throw new WriteError(metrics, e);
    });
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

  /**
   * A write of this folder failed (a full disk): the run is marked failed with that error, if
   * run.json can still be written. Returns whether it could.
   */
  async markFailed(error: string): Promise<boolean> {
    await this.queue;
    const r = this.record;
    r.status = 'failed';
    r.error = error;
    r.end_time = new Date().toISOString();
    r.duration_s = (Date.now() - Date.parse(r.start_time)) / 1000;
    return this.saveRecord().then(
      () => true,
      () => false,
    );
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
        const file = path.join(this.dir, METRICS_FILE);
        const append = () =>
          appendFile(file, lines.map((l) => `${l}\n`).join('')).catch((e: unknown) => {
            throw new WriteError(file, e);
          });
        // Replayed epochs come all at once, and the stage's end follows them at once.
        if (event.cached) return append;
        const stage = r.stages[event.stage];
        if (stage) Object.assign(stage, { epoch: event.epoch, epochs: event.epochs });
        return async () => {
          await append();
          await this.saveRecord();
        };
      }
      case 'stage_finished': {
        // The epoch counter is progress: a finished stage's record is its final metrics.
        const { epoch: _epoch, epochs: _epochs, ...started } = r.stages[event.stage] ?? { metrics: {} };
        r.stages[event.stage] = {
          ...started,
          status: 'finished',
          metrics: { ...event.metrics },
          seconds: event.seconds,
          cached: event.cached,
        };
        return this.saveRecord;
      }
      case 'stage_failed':
        r.stages[event.stage] = { ...(r.stages[event.stage] ?? { metrics: {} }), status: 'failed', error: event.error };
        return this.saveRecord;
      case 'stage_stopped':
        r.stages[event.stage] = {
          ...(r.stages[event.stage] ?? { metrics: {} }),
          status: 'stopped',
          epoch: event.epoch,
          epochs: event.epochs,
          reason: event.reason,
        };
        return this.saveRecord;
      case 'warning':
        // Kept to the first few: a warning repeated every epoch says nothing more the hundredth time.
        if ((r.warnings?.length ?? 0) >= MAX_WARNINGS) return undefined;
        r.warnings = [...(r.warnings ?? []), event.stage ? `${event.stage}: ${event.message}` : event.message];
        return this.saveRecord;
      case 'dataset':
        r.datasets = [...(r.datasets ?? []).filter((d) => d.name !== event.dataset.name), event.dataset];
        return this.saveRecord;
      case 'stage_skipped':
        r.stages[event.stage] = { status: 'skipped', metrics: {}, error: event.reason };
        return this.saveRecord;
      case 'run_finished':
        r.status = event.status;
        r.end_time = new Date(event.time).toISOString();
        r.duration_s = (event.time - Date.parse(r.start_time)) / 1000;
        if (event.error !== undefined) r.error = event.error;
        // A stage cut short by the end of its run (Ctrl-C, a dead process) is not left `running`.
        if (event.status !== 'finished')
          for (const stage of Object.values(r.stages)) if (stage.status === 'running') stage.status = event.status;
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
