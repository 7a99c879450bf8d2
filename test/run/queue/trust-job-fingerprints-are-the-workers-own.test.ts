import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Trial } from '../../../src/plan/plan.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob, snapshot, withStageTrain } from '../../support/forged-jobs.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();
const skip = !haveRedis() && 'redis-server is not installed';
let outside = '';
after(async () => {
  if (outside) await rm(outside, { recursive: true, force: true });
});

const aeTestLoss = async (runsDir: string, sweep: string): Promise<number | undefined> => {
  const record = JSON.parse(await readFile(path.join(runsDir, sweep, 'trials', 't000', 'run.json'), 'utf8')) as {
    stages: Record<string, { metrics: Record<string, number> }>;
  };
  return record.stages.ae?.metrics.test_loss;
};

test(
  'a job with a path for a fingerprint moves nothing outside the cache, and one with a forged setting under a known fingerprint does not poison the cache',
  { skip, timeout: 300_000 },
  async () => {
    outside = await mkdtemp(path.join(os.tmpdir(), 'aelab-outside-cache-'));
    await mkdir(path.join(outside, 'some', 'folder'), { recursive: true });
    await writeFile(path.join(outside, 'some', 'folder', 'thesis.tex'), 'years of work');
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    const cacheRoot = path.join(bed.runsDir, '.cache', 'stages');
    await mkdir(cacheRoot, { recursive: true });
    const outsideBefore = await snapshot(outside);

    // 1. A fingerprint that is a path out of the cache.
    await plantSweepFolder(bed.runsDir, 'sweep-f');
    const evilFingerprint = path.relative(cacheRoot, path.join(outside, 'some', 'folder'));
    const forged = {
      ...trial,
      nodes: trial.nodes.map((n) => (n.name === 'ae' ? { ...n, fingerprint: evilFingerprint } : n)),
    } as Trial;
    const end = await addAndWait(bed.redis.url, 'sweep-f/t000', await honestJob('sweep-f', forged));
    assert.ok(end.state === 'failed' || (end.value as { status?: string })?.status !== 'finished', JSON.stringify(end));
    assert.deepEqual(await snapshot(outside), outsideBefore, 'the folder outside the cache is untouched');

    // 2. The honest result, computed without the cache.
    await plantSweepFolder(bed.runsDir, 'sweep-h');
    const honest = await addAndWait(bed.redis.url, 'sweep-h/t000', {
      ...(await honestJob('sweep-h', trial)),
      cache: false,
    });
    assert.equal((honest.value as { status?: string })?.status, 'finished', JSON.stringify(honest));
    const truth = await aeTestLoss(bed.runsDir, 'sweep-h');
    assert.ok(truth !== undefined);

    // 3. A forged learning rate under the honest fingerprints, then a colleague's honest trial.
    await plantSweepFolder(bed.runsDir, 'sweep-p');
    const poison = await addAndWait(
      bed.redis.url,
      'sweep-p/t000',
      await honestJob('sweep-p', withStageTrain(trial, 'ae', { optimizer: { name: 'adam', learning_rate: 1e-9 } })),
    );
    assert.equal(poison.state, 'failed', `the forged trial is refused: ${JSON.stringify(poison)}`);
    await plantSweepFolder(bed.runsDir, 'sweep-c');
    const colleague = await addAndWait(bed.redis.url, 'sweep-c/t000', await honestJob('sweep-c', trial));
    assert.equal((colleague.value as { status?: string })?.status, 'finished', JSON.stringify(colleague));
    assert.equal(await aeTestLoss(bed.runsDir, 'sweep-c'), truth, 'the colleague gets the honest result');
  },
);
