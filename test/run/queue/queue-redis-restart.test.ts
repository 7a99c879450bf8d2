import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { readJson, type TrialRecord } from '../../support/runs.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();

test(
  'Redis killed and restarted mid-sweep loses no job: the append-only file brings every trial back, and all finish',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [2, 4, 8] }'), 'sweep.yaml');
    const plan = await planFile(file);
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    const done = submitAll(bed.redis.url, bed.runsDir, 'sweep-r', plan);

    // Once the first trial is running (the other two wait on the queue), Redis goes down hard.
    await worker.waitFor(/sweep-r t000: started/);
    await bed.redis.kill();
    await sleep(1500);
    await bed.redis.restart();

    const outcomes = await done;
    assert.deepEqual(
      [...outcomes.values()].map((o) => o.status),
      ['finished', 'finished', 'finished'],
      JSON.stringify([...outcomes]) + worker.output(),
    );
    for (const t of plan.trials) {
      const trial = await readJson<TrialRecord>(path.join(bed.runsDir, 'sweep-r', 'trials', t.id, 'run.json'));
      assert.equal(trial.status, 'finished');
    }
    assert.match(worker.output(), /connected again/, 'the worker saw the outage and came back');
  },
);
