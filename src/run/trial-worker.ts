/**
 * A child process that runs one trial: picks the backend its parent chose, runs the trial, and
 * streams every event back. It writes artifacts (models, pictures, cache entries) itself; the
 * parent writes the run records, so that only one process writes each trial's run.json.
 */
import { StageCache } from '../cache/stage-cache.js';
import { selectBackend } from '../backend/select.js';
import { environmentInfo } from './environment.js';
import type { TrialJob, WorkerMessage } from './executor.js';
import { exitWhenParentDies } from './parent-watch.js';
import { runTrial } from './run-trial.js';

const parent = exitWhenParentDies();

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    process.send!(message, undefined, undefined, () => resolve());
  });

process.once('message', async ({ job }: { job: TrialJob }) => {
  try {
    for (const module of job.stageModules ?? []) await import(module);
    const backend = await selectBackend(
      job.backend,
      job.wasmThreads === undefined ? {} : { wasmThreads: job.wasmThreads },
    );
    if (!backend.ok) {
      await send({ kind: 'done', outcome: { status: 'failed', error: backend.error } });
    } else {
      const status = await runTrial(job.trial, {
        runDir: job.runDir,
        experimentDir: job.experimentDir,
        dataCacheDir: job.dataCacheDir,
        environment: await environmentInfo(backend.value.name, job.experimentDir, backend.value.threads),
        emit: (event) => void send({ kind: 'event', event }),
        ...(job.stageCacheDir ? { cache: new StageCache(job.stageCacheDir) } : {}),
      });
      await send({ kind: 'done', outcome: status });
    }
  } catch (e) {
    await send({
      kind: 'done',
      outcome: { status: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) },
    });
  }
  parent.release();
  process.disconnect();
});
