import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob, snapshot, withStageTrain } from '../../support/forged-jobs.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();
const skip = !haveRedis() && 'redis-server is not installed';

test(
  'a job asking for 1e12 epochs or a batch beyond memory is refused by the worker before it trains, as `aelab validate` refuses the file',
  { skip, timeout: 120_000 },
  async () => {
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    for (const [sweep, train, why] of [
      ['sweep-e', { epochs: 1e12 }, /epochs/],
      ['sweep-m', { batch_size: 1e9 }, /batch_size/],
    ] as const) {
      await plantSweepFolder(bed.runsDir, sweep);
      const end = await addAndWait(
        bed.redis.url,
        `${sweep}/t000`,
        await honestJob(sweep, withStageTrain(trial, 'ae', train)),
        60_000,
      );
      assert.equal(end.state, 'failed', JSON.stringify(end));
      assert.match(end.reason, why);
      assert.deepEqual(
        await snapshot(path.join(bed.runsDir, sweep)),
        { 'run.json': (await snapshot(path.join(bed.runsDir, sweep)))['run.json']! },
        'no trial folder was written',
      );
    }
    assert.doesNotMatch(worker.output(), /epoch 1\//, 'nothing trained');
  },
);
