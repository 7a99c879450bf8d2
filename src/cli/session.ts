import os from 'node:os';
import path from 'node:path';
import { StageCache } from '../cache/stage-cache.js';
import type { ExperimentConfig } from '../types/experiment-config.js';
import type { Plan, Trial } from '../plan/plan.js';
import type { EnvironmentInfo, RunEvent } from '../run/events.js';
import { LocalProcessExecutor, type TrialOutcome } from '../run/executor.js';
import { runTrial } from '../run/run-trial.js';
import { runSweep } from '../run/sweep.js';
import { readRun, RunFolderWriter, RUN_FILE, type RunRecord } from '../tracking/run-store.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { experimentFolder } from '../util/data-path.js';
import { explicitWasmThreads, wasmThreadsFor } from '../backend/threads.js';
import { MlflowTracker } from '../tracking/mlflow-tracker.js';
import { syncedRunId } from '../tracking/mlflow-sync.js';
import { Progress } from './progress.js';
import { printRunSummary, printSweepSummary } from './summary.js';

/** How a run was asked for: stored with a sweep so that `aelab resume` can continue it as it was. */
export interface SessionSettings {
  readonly experimentFile: string;
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  readonly parallel: number;
  readonly failFast: boolean;
  readonly cache: boolean;
}

export interface Session {
  readonly runsDir: string;
  readonly runId: string;
  readonly plan: Plan;
  readonly settings: SessionSettings;
  readonly environment: EnvironmentInfo;
  /** Mirrors the run to MLflow when a tracking server is configured. */
  readonly tracker?: MlflowTracker;
}

/** A sweep's own run.json: its trials' states, and what `resume` needs. */
export interface SweepRecord extends RunRecord {
  kind: 'sweep';
  settings: SessionSettings;
  trials: Record<string, { status: RunRecord['status'] | 'pending'; assignment: Record<string, unknown>; error?: string }>;
}

/** Converted and downloaded data, and the memo of data files' hashes. */
export const dataCacheDir = (runsDir: string) => path.join(runsDir, '.cache', 'data');
const stageCacheDir = (runsDir: string) => path.join(runsDir, '.cache', 'stages');

function trialRecord(session: Session, trial: Trial): RunRecord {
  const sweep = session.plan.isSweep;
  return {
    id: sweep ? `${session.runId}/${trial.id}` : session.runId,
    name: trial.config.name,
    kind: sweep ? 'trial' : 'run',
    experiment_file: session.settings.experimentFile,
    ...(sweep ? { parent: session.runId, trial: trial.id, assignment: { ...trial.assignment } } : {}),
    status: 'running',
    start_time: new Date().toISOString(),
    seed: trial.config.seed,
    stages: {},
  };
}

/** A single run: one trial, in this process, into runs/<id>/. Returns the exit code. */
export async function runSingle(session: Session): Promise<number> {
  const trial = session.plan.trials[0]!;
  const dir = path.join(session.runsDir, session.runId);
  const writer = await RunFolderWriter.create(dir, trialRecord(session, trial), trial.config);
  const progress = new Progress(process.stdout);
  const interrupted = onInterrupt(() => {
    writer.onEvent({ type: 'run_finished', time: Date.now(), trial: trial.id, status: 'killed', error: 'interrupted' });
    void writer.flush().finally(() => process.exit(130));
  });
  try {
    const result = await runTrial(trial, {
      runDir: dir,
      experimentDir: experimentFolder(session.settings.experimentFile),
      dataCacheDir: dataCacheDir(session.runsDir),
      environment: session.environment,
      emit: (event) => {
        writer.onEvent(event);
        progress.onEvent(event);
        if (session.tracker && MlflowTracker.wants(event)) void writer.flush().then(() => session.tracker!.sync(dir));
      },
      ...(session.settings.cache ? { cache: new StageCache(stageCacheDir(session.runsDir)) } : {}),
    });
    progress.stop();
    await writer.flush();
    printRunSummary(writer.current, dir);
    await finishRun(session, dir);
    return result.status === 'finished' ? 0 : 1;
  } finally {
    interrupted.dispose();
  }
}

/**
 * A sweep: a parent run folder with the trials as child runs under trials/<id>/, each trial in its
 * own process, at most `parallel` at once. Only the trials listed in `todo` run (all of them for a
 * new sweep; the unfinished ones on resume).
 */
export async function runSweepSession(session: Session, todo: readonly Trial[]): Promise<number> {
  const dir = path.join(session.runsDir, session.runId);
  const record = await sweepRecord(session, dir);
  const saveRecord = () => writeJsonAtomic(path.join(dir, RUN_FILE), record);
  record.status = 'running';
  delete record.end_time;
  await saveRecord();

  const writers = new Map<string, RunFolderWriter>();
  const progress = new Progress(process.stdout, true);
  const executor = new LocalProcessExecutor();
  const cache = session.settings.cache ? new StageCache(stageCacheDir(session.runsDir)) : undefined;
  const interrupted = onInterrupt(() => {
    process.stderr.write('\ninterrupted: stopping the running trials (finished ones are kept; `aelab resume` continues)\n');
    executor.killAll();
  });

  const onEvent = (event: RunEvent) => {
    const writer = writers.get(event.trial);
    writer?.onEvent(event);
    progress.onEvent(event);
    if (writer && session.tracker && MlflowTracker.wants(event)) void writer.flush().then(() => session.tracker!.sync(writer.dir, dir));
  };
  const started = Date.now();
  // Trials at once share the cores: each gets its part for the wasm backend's threads.
  const explicitThreads = explicitWasmThreads();
  const wasmThreads = wasmThreadsFor(os.availableParallelism(), Math.min(session.settings.parallel, todo.length), explicitThreads.ok ? explicitThreads.value : undefined);
  try {
    await runSweep(todo, {
      parallel: session.settings.parallel,
      failFast: session.settings.failFast,
      executor: {
        // A trial whose every stage is cached needs no process of its own: replay it here.
        run: async (job, forward) => {
          const trial = job.trial;
          writers.set(trial.id, await RunFolderWriter.create(job.runDir, trialRecord(session, trial), trial.config));
          record.trials[trial.id] = { status: 'running', assignment: { ...trial.assignment } };
          await saveRecord();
          if (cache && (await allCached(cache, trial))) {
            return runTrial(trial, { runDir: job.runDir, experimentDir: job.experimentDir, dataCacheDir: job.dataCacheDir, environment: session.environment, emit: forward, cache });
          }
          return executor.run(job, forward);
        },
        killAll: () => executor.killAll(),
      },
      jobFor: (trial) => ({
        trial,
        runDir: path.join(dir, 'trials', trial.id),
        experimentDir: experimentFolder(session.settings.experimentFile),
        dataCacheDir: dataCacheDir(session.runsDir),
        ...(cache ? { stageCacheDir: cache.root } : {}),
        backend: session.settings.backend,
        wasmThreads,
      }),
      onEvent,
      onTrialDone: async (trial, outcome) => {
        const writer = writers.get(trial.id);
        if (writer && writer.current.status === 'running') {
          // The process died or was killed before it could say so itself.
          writer.onEvent({ type: 'run_finished', time: Date.now(), trial: trial.id, status: outcome.status, ...(outcome.status !== 'finished' ? { error: outcome.error } : {}) });
        }
        await writer?.flush();
        record.trials[trial.id] = { status: outcome.status, assignment: { ...trial.assignment }, ...(outcome.status !== 'finished' ? { error: outcome.error } : {}) };
        await saveRecord();
        progress.trialDone(trial.id, trial.assignment, outcome);
      },
    });
  } finally {
    interrupted.dispose();
    progress.stop();
  }

  const states = Object.values(record.trials).map((t) => t.status);
  record.status = states.includes('killed') ? 'killed' : states.includes('failed') ? 'failed' : 'finished';
  record.end_time = new Date().toISOString();
  record.duration_s = (record.duration_s ?? 0) + (Date.now() - started) / 1000;
  await saveRecord();
  const trials = await Promise.all(session.plan.trials.map(async (t) => (await readRun(path.join(dir, 'trials', t.id)).catch(() => undefined))?.record));
  const summary = printSweepSummary(session.plan, trials, dir);
  await writeJsonAtomic(path.join(dir, 'summary.json'), summary);
  await finishRun(session, dir, true);
  return record.status === 'finished' ? 0 : record.status === 'killed' ? 130 : 1;
}

/** After a run: its report, then the last MLflow sync (which uploads the report too). */
async function finishRun(session: Session, dir: string, sweep = false): Promise<void> {
  try {
    const { writeRunReport, writeSweepReport } = await import('../report/index.js');
    const report = sweep ? await writeSweepReport(dir) : await writeRunReport(dir);
    process.stdout.write(`report: ${report}\n`);
  } catch (e) {
    // The run itself is complete and recorded; a report that cannot be drawn is a bug to show, not a failed run.
    process.stderr.write(`warning: report.html could not be written: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  if (session.tracker) {
    await session.tracker.flush();
    if (sweep) for (const trial of session.plan.trials) void session.tracker.sync(path.join(dir, 'trials', trial.id), dir);
    await session.tracker.sync(dir);
    await session.tracker.flush();
    const runId = await syncedRunId(dir, session.tracker.uri);
    if (runId) process.stdout.write(`mlflow: ${session.tracker.uri} (run ${runId})\n`);
  }
}

async function allCached(cache: StageCache, trial: Trial): Promise<boolean> {
  for (const node of trial.nodes) if (node.kind === 'stage' && !(await cache.has(node.fingerprint))) return false;
  return true;
}

async function sweepRecord(session: Session, dir: string): Promise<SweepRecord> {
  const existing = await readRun(dir).catch(() => undefined);
  if (existing && existing.record.kind === 'sweep') return existing.record as SweepRecord;
  const config: ExperimentConfig = session.plan.config;
  const record: SweepRecord = {
    id: session.runId,
    name: config.name,
    kind: 'sweep',
    experiment_file: session.settings.experimentFile,
    status: 'running',
    start_time: new Date().toISOString(),
    seed: config.seed,
    environment: session.environment,
    stages: {},
    settings: session.settings,
    trials: Object.fromEntries(session.plan.trials.map((t) => [t.id, { status: 'pending' as const, assignment: { ...t.assignment } }])),
  };
  await RunFolderWriter.create(dir, record, config);
  return record;
}

/** Ctrl-C (and SIGTERM) call `handler` once; a second Ctrl-C exits at once. */
function onInterrupt(handler: () => void): { dispose(): void } {
  let count = 0;
  const listener = () => {
    count++;
    if (count > 1) process.exit(130);
    handler();
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return {
    dispose() {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    },
  };
}

export const defaultParallel = (): number => os.availableParallelism();
