import os from 'node:os';
import type { RunEnd, RunEvent, RunListener, RunStart, TrialOutcome, TrialStart } from '../types/run-events.js';
import { trialDir } from './files.js';
import { RunFolderWriter, writeRunRecord, writeSummary } from './folder-writer.js';
import { startHeartbeat } from './heartbeat.js';
import { sweepSummary } from './objective.js';
import { readRun } from './read.js';
import { isSweepRecord, type RunRecord, type SweepRecord } from './records.js';

/**
 * The run store as a session listener: it writes every trial's folder from its events, and for a
 * sweep keeps the sweep's own run.json (its trials' states, what `resume` needs) and writes its
 * summary.json at the end. It is the first listener, so the others find the folder written.
 */
export class RunStoreListener implements RunListener {
  private readonly writers = new Map<string, RunFolderWriter>();
  private sweep?: { readonly run: RunStart; readonly record: SweepRecord };
  private single?: TrialStart;
  private run?: RunStart;
  private heartbeat?: { stop(): Promise<void> };

  /** A run folder's record as written so far. */
  current(dir: string): Readonly<RunRecord> | undefined {
    return this.writers.get(dir)?.current;
  }

  /** Resolves when everything received so far for this folder is on disk (rejects if a write failed). */
  written(dir: string): Promise<void> {
    return this.writers.get(dir)?.flush() ?? Promise.resolve();
  }

  async onRunStarted(run: RunStart): Promise<void> {
    this.run = run;
    this.heartbeat = startHeartbeat(run.dir);
    if (!run.sweep) return;
    // A resumed sweep goes on with its own record; a new one starts with every trial pending.
    const existing = await readRun(run.dir).catch(() => undefined);
    let record: SweepRecord;
    if (existing && isSweepRecord(existing.record)) record = existing.record;
    else {
      record = {
        id: run.id,
        name: run.name,
        kind: 'sweep',
        experiment_file: run.settings.experimentFile,
        status: 'running',
        start_time: new Date().toISOString(),
        seed: run.seed,
        environment: run.environment,
        stages: {},
        settings: run.settings,
        ...(run.objective ? { objective: run.objective } : {}),
        trials: Object.fromEntries(
          run.trials.map((t) => [t.id, { status: 'pending' as const, assignment: { ...t.assignment } }]),
        ),
      };
      await RunFolderWriter.create(run.dir, record, run.config);
    }
    record.status = 'running';
    if (run.objective) record.objective = run.objective;
    delete record.end_time;
    Object.assign(record, recorder());
    this.sweep = { run, record };
    await writeRunRecord(run.dir, record);
  }

  /** The trials' folders are written by queue workers, not here: only the sweep's record is. */
  private get remote(): boolean {
    return this.sweep?.run.settings.queue !== undefined;
  }

  async onTrialStarted(t: TrialStart): Promise<void> {
    const inSweep = t.sweepDir !== undefined;
    if (this.sweep && this.remote) {
      // Submitted: pending until a worker takes it (a resumed sweep keeps what it knew).
      const known = this.sweep.record.trials[t.trial];
      if (known?.status !== 'running')
        this.sweep.record.trials[t.trial] = { status: 'pending', assignment: { ...t.assignment } };
      await writeRunRecord(this.sweep.run.dir, this.sweep.record);
      return;
    }
    this.writers.set(t.dir, await RunFolderWriter.create(t.dir, trialRecord(t, this.run?.settings), t.config));
    if (!inSweep) this.single = t;
    if (this.sweep) {
      this.sweep.record.trials[t.trial] = { status: 'running', assignment: { ...t.assignment } };
      await writeRunRecord(this.sweep.run.dir, this.sweep.record);
    }
  }

  async onTrialTaken(t: TrialStart, worker: string): Promise<void> {
    const known = this.sweep?.record.trials[t.trial];
    // Late news of a trial already recorded as ended changes nothing.
    if (!this.sweep || (known && known.status !== 'pending' && known.status !== 'running')) return;
    this.sweep.record.trials[t.trial] = { status: 'running', assignment: { ...t.assignment }, worker };
    await writeRunRecord(this.sweep.run.dir, this.sweep.record);
  }

  onEvent(event: RunEvent, t: TrialStart): void {
    this.writers.get(t.dir)?.onEvent(event);
  }

  async onTrialFinished(t: TrialStart, outcome: TrialOutcome): Promise<void> {
    const writer = this.writers.get(t.dir);
    if (writer && writer.current.status === 'running') {
      // The process died or was killed before it could say so itself.
      writer.onEvent({
        type: 'run_finished',
        time: Date.now(),
        trial: t.trial,
        status: outcome.status,
        ...(outcome.status === 'failed' || outcome.status === 'killed' ? { error: outcome.error } : {}),
      });
    }
    await writer?.flush().catch(async (e: unknown) => {
      // A write of the run's folder failed (a full disk, an I/O error): say which, and mark it failed.
      const error = e instanceof Error ? e.message : String(e);
      if (await writer.markFailed(error)) throw new Error(`${error} (the run is marked failed)`, { cause: e });
      throw new Error(`${error} (and ${t.dir}/run.json could not be updated to say the run failed)`, { cause: e });
    });
    if (this.sweep) {
      const worker = this.sweep.record.trials[t.trial]?.worker;
      this.sweep.record.trials[t.trial] = {
        status: outcome.status,
        assignment: { ...t.assignment },
        ...(outcome.status === 'failed' || outcome.status === 'killed' ? { error: outcome.error } : {}),
        ...(outcome.status === 'stopped' ? { stopped: outcome.stopped } : {}),
        ...(worker ? { worker } : {}),
      };
      await writeRunRecord(this.sweep.run.dir, this.sweep.record);
    }
  }

  async onRunFinished(end: RunEnd): Promise<void> {
    await this.heartbeat?.stop();
    if (!this.sweep) return;
    const { run, record } = this.sweep;
    record.status = end.status;
    record.end_time = new Date().toISOString();
    record.duration_s = (record.duration_s ?? 0) + end.seconds;
    await writeRunRecord(run.dir, record);
    const trials = await Promise.all(
      run.trials.map(async (t) => (await readRun(trialDir(run.dir, t.id)).catch(() => undefined))?.record),
    );
    await writeSummary(run.dir, sweepSummary(run.trials, trials, run.objective));
  }

  /** A single run stopped by Ctrl-C is recorded as killed (a sweep's trials are, as they end). */
  async onInterrupted(): Promise<void> {
    const t = this.single;
    const writer = t && this.writers.get(t.dir);
    if (!t || !writer) return;
    writer.onEvent({ type: 'run_finished', time: Date.now(), trial: t.trial, status: 'killed', error: 'interrupted' });
    await writer.flush();
  }
}

/** Who records the run: with heartbeat.json, how `runs ls` tells a live run from one that died. */
const recorder = () => ({ pid: process.pid, host: os.hostname() });

/** A trial's run.json as it starts: written here, or by the queue worker that runs it. */
export function trialRecord(t: TrialStart, settings?: RunRecord['settings']): RunRecord {
  const inSweep = t.sweepDir !== undefined;
  return {
    id: inSweep ? `${t.runId}/${t.trial}` : t.runId,
    name: t.name,
    kind: inSweep ? 'trial' : 'run',
    experiment_file: t.experimentFile,
    ...(inSweep ? { parent: t.runId, trial: t.trial, assignment: { ...t.assignment } } : {}),
    ...(inSweep && t.point !== undefined ? { point: t.point, repeat: t.repeat ?? 0 } : {}),
    status: 'running',
    start_time: new Date().toISOString(),
    seed: t.seed,
    ...recorder(),
    ...(!inSweep && settings ? { settings } : {}),
    stages: {},
  };
}
