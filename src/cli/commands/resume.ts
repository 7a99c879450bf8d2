import path from 'node:path';
import { loadExperimentText } from '../../config/load.js';
import { readSource } from '../../config/source.js';
import { planRun } from '../../run/plan-run.js';
import { experimentFolder } from '../../util/data-path.js';
import {
  CONFIG_FILE,
  effectiveStatus,
  isSweepRecord,
  lockRunFolder,
  readRun,
  resolveRun,
  type RunRecord,
} from '../../run-store/index.js';
import { chartCacheDir, runSingle, runSweepSession, type SessionSettings } from '../../run/session.js';
import { reportWriteFailure } from '../write-failure.js';
import { parseQueueUrl, QUEUE_ENV, type QueueAddress } from '../../run/queue/redis-url.js';
import { listenersFor, sweepOrQueueError, trackerFor } from './run.js';

/**
 * `aelab resume RUN`: continues a run that was killed, failed or died, from its own stored config
 * (not the file, which may have changed since). A sweep runs only the trials that did not
 * finish; a single run runs again into its own folder. Finished stages come back from the stage
 * cache. A run whose process is still alive is left alone. A sweep on a queue is followed there
 * again: its stored URL has no credentials, so they come from the environment (or a --queue
 * given now).
 */
export async function resumeCommand(run: string, opts: { runsDir: string; queue?: string }): Promise<number> {
  const found = await resolveRun(opts.runsDir, run);
  if (!found.ok) {
    process.stderr.write(`error: ${found.error}\n`);
    return 1;
  }
  const { dir } = found.value;
  if (await stillRunning(dir, found.value.record)) return 1;
  // One recorder per run: held from before the folder is read again until the run is recorded.
  const lock = await lockRunFolder(dir, (line) => process.stderr.write(`${line}\n`));
  if (!lock.ok) {
    process.stderr.write(`error: ${lock.error}\n`);
    return 1;
  }
  try {
    return await resumeHeld(dir, opts);
  } finally {
    await lock.value.release();
  }
}

/** Says so and returns true when the run's recorder is alive: it is left alone. */
async function stillRunning(dir: string, record: RunRecord): Promise<boolean> {
  const live = await effectiveStatus(dir, record);
  if (live.status !== 'running') return false;
  const who = live.heartbeat ? ` (process ${live.heartbeat.pid} on ${live.heartbeat.host})` : '';
  process.stderr.write(`error: ${record.id} is still running${who}; stop it first, or let it finish\n`);
  return true;
}

/** The resume itself, with the run folder's lock held: its state is read again under the lock. */
async function resumeHeld(dir: string, opts: { queue?: string }): Promise<number> {
  const { record } = await readRun(dir);
  if (await stillRunning(dir, record)) return 1;
  const live = await effectiveStatus(dir, record);
  if (!isSweepRecord(record) && record.kind !== 'run') {
    process.stderr.write(`error: ${record.id} is a trial of ${record.parent}; resume the sweep\n`);
    return 1;
  }
  if (!isSweepRecord(record) && live.status === 'finished') {
    process.stdout.write(`${record.id} finished; nothing to resume\n`);
    return 0;
  }
  const settings: SessionSettings = isSweepRecord(record) ? record.settings : singleSettings(record);
  // config.json is in a shared folder anyone may have edited: it gets every check a user's file gets.
  const configFile = path.join(dir, CONFIG_FILE);
  const read = await readSource(configFile);
  const loaded =
    read.source && !read.diagnostics.length
      ? await loadExperimentText(
          path.join(experimentFolder(settings.experimentFile), `${CONFIG_FILE} of ${path.basename(dir)}`),
          read.source.text,
        )
      : { diagnostics: read.diagnostics, experiment: undefined };
  if (!loaded.experiment) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    process.stderr.write(
      `error: ${configFile} is not a valid experiment: ${errors[0]?.message ?? 'unreadable'}${more}; nothing was resumed\n`,
    );
    return 1;
  }
  const config = loaded.experiment.config;
  let queue: QueueAddress | undefined;
  if (isSweepRecord(record) && record.settings.queue) {
    const parsed = parseQueueUrl(opts.queue ?? process.env[QUEUE_ENV] ?? record.settings.queue.url);
    if (!parsed.ok) {
      process.stderr.write(`error: ${parsed.error}\n`);
      return 2;
    }
    queue = parsed.value;
  }
  const { environmentInfo, lookUpGitCommit } = await import('../../run/environment.js');
  void lookUpGitCommit(process.cwd());
  // The same planning as `aelab run`: the backend is named here, started only by a trial that trains.
  const planned = await planRun(config, {
    backend: settings.backend,
    experimentFile: settings.experimentFile,
    runsDir: path.dirname(dir),
    download: true,
  });
  if (!planned.ok) {
    process.stderr.write(`error: ${planned.error}\n`);
    return 1;
  }
  const { backend } = planned.value;
  const { plan } = planned.value;
  const tracker = await trackerFor(config, undefined);
  if (!tracker.ok) {
    process.stderr.write(`error: ${tracker.error}\n`);
    return 1;
  }
  const session = {
    runsDir: path.dirname(dir),
    runId: path.basename(dir),
    plan,
    settings,
    environment: await environmentInfo(backend.name, process.cwd(), backend.threads),
    listeners: await listenersFor(
      isSweepRecord(record),
      tracker.value,
      settings.cache ? chartCacheDir(path.dirname(dir)) : undefined,
    ),
    locked: true,
    ...(queue ? { queue } : {}),
  };
  if (!isSweepRecord(record)) {
    process.stdout.write(
      `resuming ${record.id} (${live.status}): ${settings.cache ? 'finished stages come from the stage cache' : 'run with --no-cache, so every stage runs again'}\n`,
    );
    return runSingle(session).catch(reportWriteFailure);
  }
  // A trial the scheduler stopped stays stopped: running it again would undo the scheduler's decision.
  const todo = plan.trials.filter((t) => !['finished', 'stopped'].includes(record.trials[t.id]?.status ?? 'pending'));
  const which = todo.map((t) => t.id).join(', ') || 'none';
  process.stdout.write(
    queue
      ? `resuming ${record.id} on the queue ${queue.display}: following ${todo.length} of ${plan.trials.length} trials (${which})\n`
      : `resuming ${record.id}: ${todo.length} of ${plan.trials.length} trials to run (${which})\n`,
  );
  return sweepOrQueueError(() => runSweepSession(session, todo)).catch(reportWriteFailure);
}

/** A single run's settings: recorded since aelab records them; before that, its backend and the cache on. */
function singleSettings(record: RunRecord): SessionSettings {
  if (record.settings) return record.settings;
  const backend = record.environment?.backend;
  return {
    experimentFile: record.experiment_file,
    backend: backend === 'tensorflow' || backend === 'cpu' ? backend : 'wasm',
    parallel: 1,
    failFast: false,
    cache: true,
  };
}
