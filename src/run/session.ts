/**
 * Drives a run or a sweep and tells its listeners (run store, progress, MLflow, report...) what
 * happens: it decides what runs where, and writes and prints nothing itself.
 */
import os from 'node:os';
import path from 'node:path';
import { explicitWasmThreads, sweepTrialThreads } from '../backend/threads.js';
import { StageCache } from '../cache/stage-cache.js';
import type { Plan, Trial } from '../plan/plan.js';
import { codeVersion } from '../plan/code-version.js';
import { isSweepRecord, lockRunFolder, readRun, trialDir, trialRecord } from '../run-store/index.js';
import { objectiveOf, type StageOutline } from '../stages/objective.js';
import { registeredStageModules } from '../stages/registry.js';
import type {
  EnvironmentInfo,
  Judge,
  RunEvent,
  RunListener,
  RunSettings,
  RunStart,
  TrialOutcome,
  TrialStart,
} from '../types/run-events.js';
import { LocalProcessExecutor, type TrialExecutor, type TrialJob } from './executor.js';
import type { QueueExecutor } from './queue/queue-executor.js';
import type { QueueAddress } from './queue/redis-url.js';
import { runTrial } from './run-trial.js';
import { runSweep } from './trial-pool.js';
import { SweepScheduler } from './scheduler.js';
import { experimentFolder } from '../util/data-path.js';

/** How a run was asked for: stored with a sweep so that `aelab resume` can continue it as it was. */
export type SessionSettings = RunSettings;

export interface Session {
  readonly runsDir: string;
  readonly runId: string;
  readonly plan: Plan;
  readonly settings: SessionSettings;
  readonly environment: EnvironmentInfo;
  /** Called in this order; the run store first, so that the others find its files written. */
  readonly listeners: readonly RunListener[];
  /**
   * With `settings.queue`: where the queue is, credentials included. Kept in memory only; the
   * settings (stored with the sweep) hold the URL without them.
   */
  readonly queue?: QueueAddress;
  /** Warnings that are not events (the queue's connection lost, ...). */
  readonly warn?: (line: string) => void;
  /**
   * Runs the trials that are not on a queue: one child process each unless given. The seam that
   * lets a test check the session's own decisions (order, parallelism, failures) without training.
   */
  readonly executor?: TrialExecutor;
  /** The caller holds the run folder's lock already (`aelab resume` takes it before it reads the folder). */
  readonly locked?: boolean;
}

/** Converted and downloaded data, and the memo of data files' hashes. */
export const dataCacheDir = (runsDir: string): string => path.join(runsDir, '.cache', 'data');
const stageCacheDir = (runsDir: string) => path.join(runsDir, '.cache', 'stages');
/** Where the report's rendered charts are kept between runs (src/pictures/render-cache.ts). */
export const chartCacheDir = (runsDir: string): string => path.join(runsDir, '.cache', 'charts');

/** Calls a hook of every listener in turn, each after the previous one's promise settled. */
async function tell<K extends keyof RunListener>(
  session: Session,
  hook: K,
  ...args: Parameters<NonNullable<RunListener[K]>>
): Promise<void> {
  for (const listener of session.listeners)
    await (listener[hook] as ((...a: typeof args) => unknown) | undefined)?.call(listener, ...args);
}

/** Ctrl-C: every listener is told at once (a message must not wait behind a flush), then awaited. */
function interruptListeners(session: Session): Promise<unknown> {
  return Promise.all(session.listeners.map((l) => l.onInterrupted?.()));
}

function eventsTo(session: Session, trial: TrialStart | undefined): (event: RunEvent) => void {
  return (event) => {
    if (trial) for (const listener of session.listeners) listener.onEvent?.(event, trial);
  };
}

/** The stages of a plan in run order, as the sweep's objective is chosen from them. */
export function stageOutline(plan: Plan): StageOutline[] {
  return (plan.trials[0]?.nodes ?? []).flatMap((n) =>
    n.kind === 'stage'
      ? [{ name: n.name, type: n.config.type, readsOutput: n.inputs.some((i) => i.output !== undefined) }]
      : [],
  );
}

function runStart(session: Session, dir: string): RunStart {
  const objective = session.plan.isSweep ? objectiveOf(stageOutline(session.plan)) : undefined;
  return {
    id: session.runId,
    dir,
    name: session.plan.config.name,
    seed: session.plan.config.seed,
    sweep: session.plan.isSweep,
    settings: session.settings,
    environment: session.environment,
    config: session.plan.config,
    trials: session.plan.trials.map((t) => ({
      id: t.id,
      assignment: t.assignment,
      point: t.point,
      repeat: t.repeat,
      seed: t.config.seed,
    })),
    ...(objective ? { objective } : {}),
  };
}

function trialStart(session: Session, trial: Trial, dir: string): TrialStart {
  const sweep = session.plan.isSweep;
  return {
    trial: trial.id,
    runId: session.runId,
    dir,
    ...(sweep
      ? {
          sweepDir: path.join(session.runsDir, session.runId),
          assignment: trial.assignment,
          point: trial.point,
          repeat: trial.repeat,
        }
      : {}),
    name: trial.config.name,
    seed: trial.config.seed,
    experimentFile: session.settings.experimentFile,
    config: trial.config,
  };
}

/**
 * A single run: one trial, in a child process like a sweep's trial (so that Ctrl-C stops it at
 * once and this process records every epoch as it ends), into runs/<id>/ itself. Returns the exit
 * code: 0 finished, 1 failed, 130 killed.
 */
export function runSingle(session: Session): Promise<number> {
  return recording(session, () => recordSingle(session));
}

/**
 * Runs `body` holding the run folder's lock: one recorder per run, so two `aelab resume` of one
 * run cannot both write it. A folder another process holds is refused, naming it (exit 1).
 */
async function recording(session: Session, body: () => Promise<number>): Promise<number> {
  if (session.locked) return body();
  const dir = path.join(session.runsDir, session.runId);
  const lock = await lockRunFolder(dir, session.warn ?? ((line) => process.stderr.write(`${line}\n`)));
  if (!lock.ok) {
    process.stderr.write(`error: ${lock.error}\n`);
    return 1;
  }
  try {
    return await body();
  } finally {
    await lock.value.release();
  }
}

async function recordSingle(session: Session): Promise<number> {
  const trial = session.plan.trials[0]!;
  const dir = path.join(session.runsDir, session.runId);
  const started = Date.now();
  await tell(session, 'onRunStarted', runStart(session, dir));
  const t = trialStart(session, trial, dir);
  await tell(session, 'onTrialStarted', t);
  const executor = session.executor ?? new LocalProcessExecutor();
  const cache = session.settings.cache ? new StageCache(stageCacheDir(session.runsDir)) : undefined;
  const interrupted = onInterrupt(() => {
    void interruptListeners(session);
    executor.killAll();
  });
  try {
    const explicitThreads = explicitWasmThreads();
    const job = trialJob(session, trial, dir, cache, explicitThreads.ok ? explicitThreads.value : undefined);
    const result = await runHereOrInChild(session, executor, cache, job, eventsTo(session, t));
    await tell(session, 'onTrialFinished', t, result);
    await tell(session, 'onRunFinished', {
      id: session.runId,
      dir,
      name: session.plan.config.name,
      sweep: false,
      // Only a sweep's scheduler stops trials; a single run has none.
      status: result.status === 'stopped' ? 'finished' : result.status,
      seconds: (Date.now() - started) / 1000,
    });
    return exitCode(result.status);
  } finally {
    interrupted.dispose();
  }
}

const exitCode = (status: TrialOutcome['status']): number =>
  status === 'finished' ? 0 : status === 'killed' ? 130 : 1;

function trialJob(
  session: Session,
  trial: Trial,
  runDir: string,
  cache: StageCache | undefined,
  wasmThreads: number | undefined,
): TrialJob {
  return {
    trial,
    runDir,
    experimentDir: experimentFolder(session.settings.experimentFile),
    dataCacheDir: dataCacheDir(session.runsDir),
    ...(cache ? { stageCacheDir: cache.root } : {}),
    backend: session.settings.backend,
    ...(wasmThreads === undefined ? {} : { wasmThreads }),
    ...(registeredStageModules().length ? { stageModules: registeredStageModules() } : {}),
  };
}

/** A trial whose every stage is cached needs no process of its own: it is replayed here. */
async function runHereOrInChild(
  session: Session,
  executor: TrialExecutor,
  cache: StageCache | undefined,
  job: TrialJob,
  forward: (event: RunEvent) => void,
  judge?: Judge,
): Promise<TrialOutcome> {
  if (cache && (await allCached(cache, job.trial)))
    return runTrial(job.trial, {
      runDir: job.runDir,
      experimentDir: job.experimentDir,
      dataCacheDir: job.dataCacheDir,
      environment: session.environment,
      emit: forward,
      cache,
      ...(job.schedule && judge ? { schedule: { ...job.schedule, judge } } : {}),
    });
  return executor.run(job, forward, judge);
}

/**
 * A sweep: a parent run folder with the trials as child runs under trials/<id>/, each trial in its
 * own process, at most `parallel` at once. Only the trials listed in `todo` run (all of them for a
 * new sweep; the unfinished ones on resume).
 */
export function runSweepSession(session: Session, todo: readonly Trial[]): Promise<number> {
  return recording(session, () => recordSweep(session, todo));
}

async function recordSweep(session: Session, todo: readonly Trial[]): Promise<number> {
  const dir = path.join(session.runsDir, session.runId);
  // On resume, the trials not run again keep the state the sweep's record gives them.
  const previous = await readRun(dir).catch(() => undefined);
  const states = new Map<string, string>(session.plan.trials.map((t) => [t.id, 'pending']));
  if (previous && isSweepRecord(previous.record))
    for (const [id, s] of Object.entries(previous.record.trials)) states.set(id, s.status);

  const trials = new Map<string, TrialStart>();
  const cache = session.settings.cache ? new StageCache(stageCacheDir(session.runsDir)) : undefined;
  const schedulerConfig = session.plan.config.sweep?.scheduler;
  // On resume the scheduler goes on from its log, so its earlier decisions stand.
  const scheduler = schedulerConfig
    ? await SweepScheduler.open(dir, SweepScheduler.settings(schedulerConfig, session.plan.trials))
    : undefined;
  // Trials on a queue: connected before anything is written, so a wrong URL leaves no run behind.
  let queue: QueueExecutor | undefined;
  if (session.settings.queue) {
    if (!session.queue) throw new Error('bug: a queued sweep without the queue address');
    const { QueueExecutor } = await import('./queue/queue-executor.js');
    const rerun = new Set([...states].filter(([, s]) => s === 'failed' || s === 'killed').map(([id]) => id));
    queue = await QueueExecutor.open({
      address: session.queue,
      runsDir: session.runsDir,
      sweep: session.runId,
      code: await codeVersion(),
      attempts: session.settings.queue.attempts,
      recordFor: (trial) => ({ ...trialRecord(trialStart(session, trial, trialDir(dir, trial.id))) }),
      rerun,
      onActive: (id, worker) => {
        const t = trials.get(id);
        if (t) void tell(session, 'onTrialTaken', t, worker);
      },
      report: session.warn ?? ((line) => process.stderr.write(`${line}\n`)),
    });
  }
  await tell(session, 'onRunStarted', runStart(session, dir));

  const local = session.executor ?? new LocalProcessExecutor();
  const executor: TrialExecutor = queue ?? local;
  let detached = false;
  const interrupted = onInterrupt(() => {
    void interruptListeners(session);
    // Trials on a queue go on without us: stop following them, `aelab resume` follows them again.
    if (queue) {
      detached = true;
      queue.detach();
    } else local.killAll();
  });

  const started = Date.now();
  // Parallel trials get one wasm thread each (see sweepTrialThreads for the measurements).
  const explicitThreads = explicitWasmThreads();
  const wasmThreads = sweepTrialThreads(
    os.availableParallelism(),
    Math.min(session.settings.parallel, todo.length),
    explicitThreads.ok ? explicitThreads.value : undefined,
  );
  try {
    await runSweep(todo, {
      // On a queue every trial is submitted at once: the workers' concurrency decides.
      parallel: queue ? Math.max(1, todo.length) : session.settings.parallel,
      failFast: session.settings.failFast,
      executor: {
        run: async (job, forward) => {
          const t = trialStart(session, job.trial, job.runDir);
          trials.set(job.trial.id, t);
          await tell(session, 'onTrialStarted', t);
          // On a queue a worker runs even a cached trial: the submitter only follows.
          return queue
            ? executor.run(job, forward, scheduler?.judge)
            : runHereOrInChild(session, executor, cache, job, forward, scheduler?.judge);
        },
        killAll: () => executor.killAll(),
      },
      jobFor: (trial) => ({
        ...trialJob(session, trial, trialDir(dir, trial.id), cache, wasmThreads),
        ...(scheduler ? { schedule: { stage: scheduler.stage, metric: scheduler.metric } } : {}),
      }),
      onEvent: (event) => eventsTo(session, trials.get(event.trial))(event),
      onTrialDone: async (trial, outcome: TrialOutcome) => {
        // A trial left on the queue has not ended: the sweep's record keeps it pending or running.
        if (detached) return;
        states.set(trial.id, outcome.status);
        await tell(
          session,
          'onTrialFinished',
          trials.get(trial.id) ?? trialStart(session, trial, trialDir(dir, trial.id)),
          outcome,
        );
      },
    });
  } finally {
    interrupted.dispose();
    await queue?.close();
  }
  if (detached) return 130;

  // A trial the scheduler stopped ended as the sweep meant it to.
  const all = [...states.values()].map((s) => (s === 'stopped' ? 'finished' : s));
  const status = all.includes('killed') ? 'killed' : all.includes('failed') ? 'failed' : 'finished';
  await tell(session, 'onRunFinished', {
    id: session.runId,
    dir,
    name: session.plan.config.name,
    sweep: true,
    status,
    seconds: (Date.now() - started) / 1000,
  });
  return exitCode(status);
}

/** Every stage's entry verifies: this process, which starts no backend, would compute none of them. */
async function allCached(cache: StageCache, trial: Trial): Promise<boolean> {
  for (const node of trial.nodes) if (node.kind === 'stage' && !(await cache.usable(node.fingerprint))) return false;
  return true;
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
