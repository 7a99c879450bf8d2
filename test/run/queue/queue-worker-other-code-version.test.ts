import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();
let otherBuild = '';

before(async () => {
  if (!haveRedis()) return;
  // Another aelab build: the same compiled code under the next version number.
  otherBuild = await mkdtemp(path.join(os.tmpdir(), 'aelab-other-build-'));
  await cp(path.join(ROOT, 'dist'), path.join(otherBuild, 'dist'), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(otherBuild, 'node_modules'));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await writeFile(path.join(otherBuild, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-other` }));
});
after(async () => {
  if (otherBuild) await rm(otherBuild, { recursive: true, force: true });
});

test(
  'a worker running another aelab code version refuses the trial with a clear error, and nothing is computed',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 120_000 },
  async () => {
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const plan = await planFile(file);
    const worker = await startWorker(bed.redis.url, bed.runsDir, [], {}, path.join(otherBuild, 'dist/src/cli/main.js'));
    bed.workers.push(worker);
    const outcomes = await submitAll(bed.redis.url, bed.runsDir, 'sweep-v', plan);
    const outcome = outcomes.get('t000');
    assert.equal(outcome?.status, 'failed');
    const error = outcome.status === 'failed' ? outcome.error : '';
    assert.match(
      error,
      /runs aelab code \S+-other\+\w+, but the sweep was submitted with \S+: it refuses the trial rather than compute different results/,
    );
    assert.match(worker.output(), /sweep-v t000: refused/);
    assert.equal(worker.output().match(/refused/g)?.length, 1, 'refused once, not retried');
    await assert.rejects(
      readFile(path.join(bed.runsDir, 'sweep-v', 'trials', 't000', 'run.json')),
      'no trial folder was written',
    );
  },
);
