/**
 * A child process that runs one trial: picks the backend its parent chose, runs the trial, and
 * streams every event back. It writes artifacts (models, pictures, cache entries) itself; the
 * parent writes the run records, so that only one process writes each trial's run.json.
 */
import { StageCache } from '../cache/stage-cache.js';
import { selectBackend } from '../backend/select.js';
import { environmentInfo } from './environment.js';
import type { EpochReport, Verdict } from '../types/run-events.js';
import type { ParentMessage, WorkerMessage } from './executor.js';
import { exitWhenParentDies } from './parent-watch.js';
import { runTrial } from './run-trial.js';

const parent = exitWhenParentDies();

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    process.send!(message, undefined, undefined, () => resolve());
  });

/** Verdicts come back in the order the reports went out; one report is open at a time. */
const waiting: ((verdict: Verdict) => void)[] = [];
const judge = async (report: EpochReport): Promise<Verdict> => {
  const answer = new Promise<Verdict>((resolve) => waiting.push(resolve));
  await send({ kind: 'judge', report });
  return answer;
};

process.once('message', async (first: ParentMessage) => {
  if (first.kind !== 'job') throw new Error(`bug: a trial worker's first message is ${first.kind}, not its job`);
  const { job } = first;
  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'verdict') waiting.shift()?.(message.verdict);
  });
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
        ...(job.schedule ? { schedule: { ...job.schedule, judge } } : {}),
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
