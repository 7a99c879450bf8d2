import path from 'node:path';
import type { Override } from '../../config/load.js';
import type { ExperimentConfig } from '../../types/experiment-config.js';
import { experimentFromFlags, type SweepFlag } from '../experiment-from-flags.js';
import { codeVersion } from '../../plan/code-version.js';
import { planRun } from '../../run/plan-run.js';
import { ReportListener } from '../../report/listener.js';
import { newRunId, RunStoreListener } from '../../run-store/index.js';
import {
  chartCacheDir,
  defaultParallel,
  runSingle,
  runSweepSession,
  type Session,
  type SessionSettings,
} from '../../run/session.js';
import type { MlflowTracker } from '../../tracking/mlflow-tracker.js';
import type { Result } from '../../types/result.js';
import type { RunListener } from '../../types/run-events.js';
import { DEFAULT_ATTEMPTS } from '../../run/queue/trial-job.js';
import { parseQueueUrl, QUEUE_ENV, type QueueAddress } from '../../run/queue/redis-url.js';
import { countLine, printDiagnostics } from '../diagnostics-output.js';
import { Progress } from '../progress.js';
import { SummaryPrinter } from '../summary.js';
import { reportWriteFailure } from '../write-failure.js';

export interface RunOptions {
  readonly overrides: Override[];
  /** `--sweep key=a,b,c`: each value checked like a --set, then added to the sweep's grid. */
  readonly sweeps: readonly SweepFlag[];
  readonly backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  readonly runsDir: string;
  readonly parallel?: number;
  readonly failFast: boolean;
  readonly cache: boolean;
  /** --mlflow URI: wins over the file's tracking.mlflow.uri and MLFLOW_TRACKING_URI. */
  readonly mlflow?: string;
  /** --queue URL: a sweep's trials go to this Redis queue (else AELAB_QUEUE). */
  readonly queue?: string;
  /** --attempts N: starts a queued trial may have in all. */
  readonly attempts?: number;
}

/**
 * `aelab run FILE`: validate (writing nothing if invalid), pick the backend, plan, then train:
 * one trial in this process, or a sweep's trials in parallel processes.
 */
export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  // The code version (a hash of the compiled training code, read from disk) is needed to plan:
  // its reads start now, beside reading and validating the file.
  codeVersion().catch(() => undefined); // a failure is reported where planning awaits it
  const { outcome, config } = await experimentFromFlags(file, opts.overrides, opts.sweeps);
  printDiagnostics(outcome.diagnostics, outcome.sources, false, outcome.omitted);
  if (!outcome.experiment || !config) {
    process.stderr.write(`${file}: invalid (${countLine(outcome.diagnostics, outcome.omitted)}); nothing was run
`);
    return 1;
  }

  const queue = queueFor(opts, config);
  if (!queue.ok) {
    process.stderr.write(`error: ${queue.error}\n`);
    return 2;
  }

  const { environmentInfo, lookUpGitCommit } = await import('../../run/environment.js');
  void lookUpGitCommit(process.cwd());
  // The backend is named here, not started: only a trial that trains starts it (in its own process).
  const planned = await planRun(config, {
    backend: opts.backend,
    experimentFile: outcome.experiment.file,
    runsDir: opts.runsDir,
    download: true,
  });
  if (!planned.ok) {
    process.stderr.write(`error: ${planned.error}\n`);
    return 1;
  }
  const { plan, backend } = planned.value;
  process.stdout.write(`backend: ${backend.note}\n`);
  const settings: SessionSettings = {
    experimentFile: path.relative(process.cwd(), outcome.experiment.file) || outcome.experiment.file,
    backend: backend.name,
    parallel: opts.parallel ?? config.sweep?.parallel ?? defaultParallel(),
    failFast: opts.failFast,
    cache: opts.cache,
    ...(queue.value && plan.isSweep
      ? { queue: { url: queue.value.display, attempts: opts.attempts ?? config.queue?.attempts ?? DEFAULT_ATTEMPTS } }
      : {}),
  };
  const runId = newRunId(config.name);
  const environment = await environmentInfo(backend.name, process.cwd(), backend.threads);
  const tracker = await trackerFor(config, opts.mlflow);
  if (tracker && !tracker.ok) {
    process.stderr.write(`error: ${tracker.error}\n`);
    return 1;
  }
  if (tracker?.value) process.stdout.write(`tracking: MLflow at ${tracker.value.uri}\n`);
  const session: Session = {
    runsDir: opts.runsDir,
    runId,
    plan,
    settings,
    environment,
    listeners: await listenersFor(plan.isSweep, tracker.value, opts.cache ? chartCacheDir(opts.runsDir) : undefined),
    ...(queue.value && plan.isSweep ? { queue: queue.value } : {}),
    warn,
  };
  const where = path.join(opts.runsDir, runId);
  if (!plan.isSweep) {
    process.stdout.write(`run ${runId} -> ${where}\n`);
    return runSingle(session).catch(reportWriteFailure);
  }
  const how = settings.queue ? `on the queue ${settings.queue.url}` : `${settings.parallel} at a time`;
  process.stdout.write(`sweep ${runId}: ${plan.trials.length} trials, ${how} -> ${where}\n`);
  return sweepOrQueueError(() => runSweepSession(session, plan.trials)).catch(reportWriteFailure);
}

/**
 * The queue of a sweep: --queue, else the file's queue.url, else AELAB_QUEUE. A single run runs here whatever the
 * environment says; --queue on one asks for what cannot be done, and says so.
 */
function queueFor(opts: RunOptions, config: ExperimentConfig): Result<QueueAddress | undefined> {
  const typed = opts.queue ?? config.queue?.url ?? process.env[QUEUE_ENV];
  if (!typed) return { ok: true, value: undefined };
  if (opts.queue && !config.sweep)
    return { ok: false, error: '--queue is for sweeps: a single run runs here (add a sweep, or --sweep)' };
  const parsed = parseQueueUrl(typed);
  if (!parsed.ok)
    return { ok: false, error: `${opts.queue ? '--queue' : config.queue ? 'queue.url' : QUEUE_ENV}: ${parsed.error}` };
  return { ok: true, value: parsed.value };
}

/** A queue that cannot be reached is one clear line, not a stack. */
export async function sweepOrQueueError(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!/queue/.test(message)) throw e;
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

/**
 * What listens to a run, in order: the run store first (the others read what it wrote), the
 * terminal's progress and summary, the report, then MLflow (which uploads the report too).
 * `chartCache`: where the report keeps its rendered charts (none with --no-cache).
 */
export async function listenersFor(
  sweep: boolean,
  tracker: MlflowTracker | undefined,
  chartCache: string | undefined,
): Promise<RunListener[]> {
  const store = new RunStoreListener();
  const listeners: RunListener[] = [
    store,
    new Progress(process.stdout, sweep),
    new SummaryPrinter((dir) => store.current(dir)),
    new ReportListener(say, warn, chartCache),
  ];
  if (tracker) {
    const { MlflowListener } = await import('../../tracking/mlflow-listener.js');
    listeners.push(new MlflowListener(tracker, (dir) => store.written(dir), say));
  }
  return listeners;
}

/** The MLflow tracker when a server is configured (flag, file or environment), else undefined. */
export async function trackerFor(
  config: ExperimentConfig,
  cliUri: string | undefined,
): Promise<Result<MlflowTracker | undefined>> {
  // The client and tracker load only when a server is configured.
  const { resolveTrackingUri } = await import('../../tracking/mlflow/uri.js');
  const resolved = resolveTrackingUri(config.tracking?.mlflow?.uri, cliUri);
  if (!resolved.ok) return { ok: false, error: resolved.error.message };
  if (!resolved.value) return { ok: true, value: undefined };
  const { MlflowClient } = await import('../../tracking/mlflow/index.js');
  const { MlflowTracker } = await import('../../tracking/mlflow-tracker.js');
  const client = new MlflowClient({ uri: resolved.value.uri });
  const experiment = config.tracking?.mlflow?.experiment ?? config.name;
  return { ok: true, value: new MlflowTracker(client, experiment, (m) => process.stderr.write(`${m}\n`)) };
}
