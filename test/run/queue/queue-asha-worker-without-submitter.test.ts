import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ASHA_SWEEP, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob } from '../../support/forged-jobs.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile } from '../../support/queue-plan.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { redisSkipReason } from '../../support/redis-server.js';
import { readJson } from '../../support/runs.js';

const bed = queueTestbed();

test(
  "a scheduled trial whose submitter is gone waits --verdict-timeout once, then trains on to its end and says so as a warning in its run.json and the worker's log",
  { skip: redisSkipReason(), timeout: 120_000 },
  async () => {
    const { file } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir, ['--verdict-timeout', '2']);
    bed.workers.push(worker);
    const sweep = 'sweep-no-submitter';
    await plantSweepFolder(bed.runsDir, sweep);
    const started = Date.now();
    const end = await addAndWait(
      bed.redis.url,
      `${sweep}/${trial.id}`,
      { ...(await honestJob(sweep, trial)), schedule: { stage: 'ae', metric: 'val_loss' } },
      90_000,
    );
    assert.equal(end.state, 'completed', JSON.stringify(end));
    assert.equal((end.value as { status: string }).status, 'finished');

    const record = await readJson<{ status: string; warnings?: string[]; stages: Record<string, { status: string }> }>(
      path.join(bed.runsDir, sweep, 'trials', trial.id, 'run.json'),
    );
    assert.equal(record.status, 'finished');
    assert.equal(record.stages.clf?.status, 'finished', 'the trial ran to its end');
    assert.deepEqual(record.warnings, [
      "ae: no verdict from the sweep's scheduler on epoch 1 within 2 s (the submitter is gone?): the trial trains on to its end without the scheduler",
    ]);
    assert.match(worker.output(), /t000: no verdict from the sweep's scheduler on epoch 1 within 2 s/);
    assert.equal(worker.output().match(/no verdict/g)?.length, 1, 'it waited once, not once per epoch');
    assert.ok(Date.now() - started < 80_000);
  },
);
