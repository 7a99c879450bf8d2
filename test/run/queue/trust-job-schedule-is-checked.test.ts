import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASHA_SWEEP, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob } from '../../support/forged-jobs.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile } from '../../support/queue-plan.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { redisSkipReason } from '../../support/redis-server.js';

const bed = queueTestbed();

test(
  "a job whose schedule names no training stage of the worker's own plan, or carries more than a stage and a metric, is refused before anything trains",
  { skip: redisSkipReason(), timeout: 120_000 },
  async () => {
    const { file } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    for (const [sweep, schedule, why] of [
      ['sweep-s1', { stage: 'digits', metric: 'val_loss' }, /`digits`, which is not a training stage/],
      ['sweep-s2', { stage: '__proto__', metric: 'val_loss' }, /`__proto__`, which is not a training stage/],
      ['sweep-s3', { stage: 'ae', metric: 'val_loss', key: 'x' }, /other fields than stage and metric/],
      ['sweep-s4', { stage: 'ae', metric: 'a b' }, /names no metric/],
    ] as const) {
      await plantSweepFolder(bed.runsDir, sweep);
      const end = await addAndWait(
        bed.redis.url,
        `${sweep}/${trial.id}`,
        { ...(await honestJob(sweep, trial)), schedule },
        60_000,
      );
      assert.equal(end.state, 'failed', JSON.stringify(end));
      assert.match(end.reason, why);
    }
    assert.doesNotMatch(worker.output(), /epoch 1\//, 'nothing trained');
  },
);
