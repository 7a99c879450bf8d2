import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob, snapshot } from '../../support/forged-jobs.js';
import { plantColleagueWork, plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();
const skip = !haveRedis() && 'redis-server is not installed';

test(
  "a job whose runPath is the runs folder itself, or a colleague's folder, is refused and deletes nothing; honest trials still run",
  { skip, timeout: 180_000 },
  async () => {
    await plantColleagueWork(bed.runsDir);
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const plan = await planFile(file);
    const trial = plan.trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    await plantSweepFolder(bed.runsDir, 'sweep-a');
    const before = await snapshot(bed.runsDir);

    for (const [id, runPath] of [
      ['sweep-a/t000', '.'],
      ['sweep-a/t001', '20261201-101010-colleague-abc123'],
      ['sweep-a/t002', '../'],
    ] as const) {
      const forged = { ...(await honestJob('sweep-a', trial)), runPath };
      const end = await addAndWait(bed.redis.url, id, forged);
      assert.equal(end.state, 'failed', `${runPath}: ${JSON.stringify(end)}`);
      assert.match(end.reason, /refuse|not/i);
    }
    // A sweep id or trial id that is a path is refused the same way.
    for (const [sweep, trialId] of [
      ['..', 't000'],
      ['20261201-101010-colleague-abc123', 't000'],
      ['sweep-a', '../../20261201-101010-colleague-abc123'],
    ] as const) {
      const forged = await honestJob(sweep, { ...trial, id: trialId });
      const end = await addAndWait(bed.redis.url, `forged-${sweep.length}-${trialId.length}`, forged);
      assert.equal(end.state, 'failed', `${sweep} ${trialId}: ${JSON.stringify(end)}`);
    }
    assert.deepEqual(await snapshot(bed.runsDir), before, 'nothing in the runs folder changed');

    // The honest trial of a real sweep still runs and finishes on the same worker.
    await plantSweepFolder(bed.runsDir, 'sweep-honest');
    const outcomes = await submitAll(bed.redis.url, bed.runsDir, 'sweep-honest', plan);
    assert.equal(outcomes.get('t000')?.status, 'finished');
    assert.ok((await snapshot(path.join(bed.runsDir, 'sweep-honest', 'trials', 't000')))['run.json']);
  },
);
