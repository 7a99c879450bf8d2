import path from 'node:path';
import type { ExperimentConfig } from '../../types/experiment-config.js';
import { codeVersion } from '../../plan/code-version.js';
import { planWithDataContent } from '../../run/data-identities.js';
import { experimentFolder } from '../../util/data-path.js';
import { effectiveStatus, isSweepRecord, readConfig, resolveRun, type RunRecord } from '../../run-store/index.js';
import { dataCacheDir, runSingle, runSweepSession, type SessionSettings } from '../../run/session.js';
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
  const { dir, record } = found.value;
  const live = await effectiveStatus(dir, record);
  if (live.status === 'running') {
    const who = live.heartbeat ? ` (process ${live.heartbeat.pid} on ${live.heartbeat.host})` : '';
    process.stderr.write(`error: ${record.id} is still running${who}; stop it first, or let it finish\n`);
    return 1;
  }
  if (!isSweepRecord(record) && record.kind !== 'run') {
    process.stderr.write(`error: ${record.id} is a trial of ${record.parent}; resume the sweep\n`);
    return 1;
  }
  if (!isSweepRecord(record) && live.status === 'finished') {
    process.stdout.write(`${record.id} finished; nothing to resume\n`);
    return 0;
  }
  const settings: SessionSettings = isSweepRecord(record) ? record.settings : singleSettings(record);
  const config = await readConfig<ExperimentConfig>(dir);
  const { selectBackend } = await import('../../backend/select.js');
  const backend = await selectBackend(settings.backend);
  if (!backend.ok) {
    process.stderr.write(`error: ${backend.error}\n`);
    return 1;
  }
  let queue: QueueAddress | undefined;
  if (isSweepRecord(record) && record.settings.queue) {
    const parsed = parseQueueUrl(opts.queue ?? process.env[QUEUE_ENV] ?? record.settings.queue.url);
    if (!parsed.ok) {
      process.stderr.write(`error: ${parsed.error}\n`);
      return 2;
    }
    queue = parsed.value;
  }
  const { environmentInfo } = await import('../../run/environment.js');
  const planned = await planWithDataContent(
    config,
    { codeVersion: await codeVersion(), backend: backend.value.name },
    {
      experimentDir: experimentFolder(settings.experimentFile),
      cacheDir: dataCacheDir(path.dirname(dir)),
      download: true,
    },
  );
  if (!planned.ok) {
    process.stderr.write(`error: ${planned.error}\n`);
    return 1;
  }
  const plan = planned.value;
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
    environment: await environmentInfo(backend.value.name, process.cwd(), backend.value.threads),
    listeners: await listenersFor(isSweepRecord(record), tracker.value),
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
