import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../src/run/queue/connection.js';
import { jobIdFor } from '../src/run/queue/trial-job.js';
import type { RunEvent } from '../src/types/run-events.js';
import { tinySweep, writeExperiment } from './support/experiment-file.js';
import { planFile, submitAll } from './support/queue-plan.js';
import { haveRedis, startRedis, type RedisServer } from './support/redis-server.js';
import { startWorker, type WorkerProcess } from './support/queue-workers.js';
import { readJson, type TrialRecord } from './support/runs.js';

let redis: RedisServer | undefined;
let workers: WorkerProcess[] = [];
let runsDir = '';

before(async () => {
  if (!haveRedis()) return;
  redis = await startRedis();
  runsDir = await mkdtemp(path.join(os.tmpdir(), 'aelab-shared-runs-'));
});
after(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await redis?.dispose();
  if (runsDir) await rm(runsDir, { recursive: true, force: true });
});

test(
  'the queue executor spreads a sweep over three workers, each trial run exactly once and the shared stage computed once',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    workers = await Promise.all([0, 1, 2].map(() => startWorker(redis!.url, runsDir)));
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [2, 4, 8, 16] }'), 'sweep.yaml');
    const plan = await planFile(file);
    const events: RunEvent[] = [];
    const outcomes = await submitAll(redis!.url, runsDir, 'sweep-a', plan, { events });

    assert.deepEqual(
      [...outcomes.values()].map((o) => o.status),
      ['finished', 'finished', 'finished', 'finished'],
      JSON.stringify([...outcomes]),
    );
    const trials = await Promise.all(
      plan.trials.map((t) =>
        readJson<TrialRecord & { worker: string; attempt: number }>(
          path.join(runsDir, 'sweep-a', 'trials', t.id, 'run.json'),
        ),
      ),
    );
    for (const t of trials) {
      assert.equal(t.status, 'finished');
      assert.equal(t.attempt, 1);
      assert.match(t.worker, /^[^:]+:\d+$/, 'the trial names the worker that ran it');
    }
    // Each trial started once on the queue, and each worker log names it once at most.
    const connection = new Redis(redis!.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      for (const t of plan.trials)
        assert.equal((await queue.getJob(jobIdFor('sweep-a', t.id)))?.attemptsStarted, 1, `${t.id} started once`);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const logs = workers.map((w) => w.output()).join('');
    for (const t of plan.trials)
      assert.equal(logs.match(new RegExp(`sweep-a ${t.id}: finished`, 'g'))?.length, 1, logs);
    assert.ok(
      new Set(trials.map((t) => t.worker)).size >= 2,
      `more than one worker took trials: ${trials.map((t) => t.worker)}`,
    );

    // The baseline classifier does not depend on the latent size: one worker trained it, the others waited for its entry.
    assert.equal(
      trials.filter((t) => t.stages.clf_raw!.cached === false).length,
      1,
      'clf_raw trained once across the workers',
    );
    assert.equal(new Set(trials.map((t) => t.stages.clf_raw!.metrics.test_acc)).size, 1);
    // The submitter saw the workers' events as they happened.
    assert.ok(events.some((e) => e.type === 'epoch' && e.trial === 't003'));
    assert.equal(events.filter((e) => e.type === 'run_finished').length, 4);
  },
);
