import path from 'node:path';
import type { ExperimentConfig } from '../../types/experiment-config.js';
import { codeVersion } from '../../plan/code-version.js';
import { planWithDataContent } from '../../run/data-identities.js';
import { experimentFolder } from '../../util/data-path.js';
import { isSweepRecord, liveStatus, readConfig, readRun, type RunRecord } from '../../run-store/index.js';
import { dataCacheDir, runSingle, runSweepSession, type SessionSettings } from '../../run/session.js';
import { reportWriteFailure } from '../write-failure.js';
import { listenersFor, trackerFor } from './run.js';

/**
 * `aelab resume RUN`: continues a run that was killed, failed or died, from its own stored config
 * (not the file, which may have changed since). A sweep runs only the trials that did not
 * finish; a single run runs again into its own folder. Finished stages come back from the stage
 * cache. A run whose process is still alive is left alone.
 */
export async function resumeCommand(run: string, opts: { runsDir: string }): Promise<number> {
  const dir = run.includes(path.sep) ? run : path.join(opts.runsDir, run);
  const loaded = await readRun(dir).catch(() => undefined);
  if (!loaded) {
    process.stderr.write(`error: ${dir} is not a run folder (no readable run.json)\n`);
    return 1;
  }
  const record = loaded.record;
  const live = await liveStatus(dir, record);
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
  };
  if (!isSweepRecord(record)) {
    process.stdout.write(
      `resuming ${record.id} (${live.status}): ${settings.cache ? 'finished stages come from the stage cache' : 'run with --no-cache, so every stage runs again'}\n`,
    );
    return runSingle(session).catch(reportWriteFailure);
  }
  const todo = plan.trials.filter((t) => record.trials[t.id]?.status !== 'finished');
  process.stdout.write(
    `resuming ${record.id}: ${todo.length} of ${plan.trials.length} trials to run (${todo.map((t) => t.id).join(', ') || 'none'})\n`,
  );
  return runSweepSession(session, todo).catch(reportWriteFailure);
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
