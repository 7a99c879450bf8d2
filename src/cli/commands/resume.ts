import path from 'node:path';
import type { ExperimentConfig } from '../../types/experiment-config.js';
import { codeVersion } from '../../plan/code-version.js';
import { planWithDataContent } from '../../run/data-identities.js';
import { experimentFolder } from '../../util/data-path.js';
import { isSweepRecord, readConfig, readRun } from '../../run-store/index.js';
import { dataCacheDir, runSweepSession } from '../../run/session.js';
import { listenersFor, trackerFor } from './run.js';

/**
 * `aelab resume RUN`: continues a sweep from its own stored config (not the file, which may have
 * changed since), running only the trials that did not finish. Finished stages of killed trials
 * come back from the stage cache.
 */
export async function resumeCommand(run: string, opts: { runsDir: string }): Promise<number> {
  const dir = run.includes(path.sep) ? run : path.join(opts.runsDir, run);
  const loaded = await readRun(dir).catch(() => undefined);
  if (!loaded) {
    process.stderr.write(`error: ${dir} is not a run folder (no readable run.json)\n`);
    return 1;
  }
  if (!isSweepRecord(loaded.record)) {
    process.stderr.write(
      `error: ${loaded.record.id} is a single run; run its experiment again, and the stage cache reuses every finished stage\n`,
    );
    return 1;
  }
  const record = loaded.record;
  const config = await readConfig<ExperimentConfig>(dir);
  const { selectBackend } = await import('../../backend/select.js');
  const backend = await selectBackend(record.settings.backend);
  if (!backend.ok) {
    process.stderr.write(`error: ${backend.error}\n`);
    return 1;
  }
  const { environmentInfo } = await import('../../run/environment.js');
  const planned = await planWithDataContent(
    config,
    { codeVersion: await codeVersion(), backend: backend.value.name },
    {
      experimentDir: experimentFolder(record.settings.experimentFile),
      cacheDir: dataCacheDir(path.dirname(dir)),
      download: true,
    },
  );
  if (!planned.ok) {
    process.stderr.write(`error: ${planned.error}\n`);
    return 1;
  }
  const plan = planned.value;
  const todo = plan.trials.filter((t) => record.trials[t.id]?.status !== 'finished');
  process.stdout.write(
    `resuming ${record.id}: ${todo.length} of ${plan.trials.length} trials to run (${todo.map((t) => t.id).join(', ') || 'none'})\n`,
  );
  const tracker = await trackerFor(config, undefined);
  if (!tracker.ok) {
    process.stderr.write(`error: ${tracker.error}\n`);
    return 1;
  }
  return runSweepSession(
    {
      runsDir: path.dirname(dir),
      runId: path.basename(dir),
      plan,
      settings: record.settings,
      environment: await environmentInfo(backend.value.name, process.cwd(), backend.value.threads),
      listeners: await listenersFor(true, tracker.value),
    },
    todo,
  );
}
