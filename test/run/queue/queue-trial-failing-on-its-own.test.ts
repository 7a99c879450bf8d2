import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../../../src/run/queue/connection.js';
import { jobIdFor } from '../../../src/run/queue/trial-job.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { readJson, type TrialRecord } from '../../support/runs.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();

test(
  'a trial that fails on its own (its loss blows up) is reported once, not retried, and the other trials go on',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    // The second trial is a linear autoencoder under plain SGD at a learning rate of 100.
    const { file } = await writeExperiment(
      tinySweep(`  zip:
    stages.ae.activation: [relu, linear]
    stages.ae.output_activation: [sigmoid, linear]
    stages.ae.train.loss: [binary_crossentropy, mse]
    stages.ae.train.optimizer: [{ name: adam }, { name: sgd, learning_rate: 100 }]`),
      'sweep.yaml',
    );
    const plan = await planFile(file);
    bed.workers.push(await startWorker(bed.redis.url, bed.runsDir));
    const outcomes = await submitAll(bed.redis.url, bed.runsDir, 'sweep-f', plan);
    assert.equal(outcomes.get('t000')?.status, 'finished');
    const failed = outcomes.get('t001');
    assert.equal(failed?.status, 'failed');
    assert.match(
      failed.status === 'failed' ? failed.error : '',
      /became (Infinity|NaN|\S+ \(above 1e\+6).*lower learning rate/,
    );

    const trial = await readJson<TrialRecord & { attempt: number }>(
      path.join(bed.runsDir, 'sweep-f', 'trials', 't001', 'run.json'),
    );
    assert.equal(trial.status, 'failed');
    assert.equal(trial.attempt, 1);
    const connection = new Redis(bed.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      const job = await queue.getJob(jobIdFor('sweep-f', 't001'));
      assert.equal(job?.attemptsStarted, 1, 'started once: a trial failing on its own is not retried');
    } finally {
      await queue.close();
      connection.disconnect();
    }
    assert.equal(bed.workers[0]!.output().match(/sweep-f t001: started/g)?.length, 1);
  },
);
