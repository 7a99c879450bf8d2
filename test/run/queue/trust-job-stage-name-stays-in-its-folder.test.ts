import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Trial } from '../../../src/plan/plan.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { addAndWait, honestJob, snapshot } from '../../support/forged-jobs.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { planFile } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();
const skip = !haveRedis() && 'redis-server is not installed';
let home = '';
after(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

/** The trial with its stage `from` named `to` everywhere: nodes, inputs, config. */
function renameStage(trial: Trial, from: string, to: string): Trial {
  const stages = Object.fromEntries(Object.entries(trial.config.stages).map(([k, v]) => [k === from ? to : k, v]));
  return {
    ...trial,
    config: { ...trial.config, stages },
    nodes: trial.nodes.map((n) => ({
      ...n,
      name: n.name === from ? to : n.name,
      inputs: n.inputs.map((i) => (i.node === from ? { ...i, node: to, ref: i.ref.replace(from, to) } : i)),
    })) as Trial['nodes'],
  };
}

test(
  'a job whose stage name is a path writes nothing outside the trial folder and copies no private folder into the shared cache',
  { skip, timeout: 180_000 },
  async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'aelab-private-home-'));
    await mkdir(path.join(home, '.ssh'));
    await writeFile(path.join(home, '.ssh', 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY----- not for the cache\n');
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    await plantSweepFolder(bed.runsDir, 'sweep-b');
    const privateBefore = await snapshot(home);
    const stagesDir = path.join(bed.runsDir, 'sweep-b', 'trials', 't000', 'stages');
    const evil = path.relative(stagesDir, home);
    assert.ok(evil.startsWith('..'));

    const end = await addAndWait(
      bed.redis.url,
      'sweep-b/t000',
      await honestJob('sweep-b', renameStage(trial, 'clf_raw', evil)),
    );
    assert.notDeepEqual(end.value, { status: 'finished', worker: worker.output() }, JSON.stringify(end));
    assert.ok(end.state === 'failed' || (end.value as { status?: string })?.status !== 'finished', JSON.stringify(end));

    assert.deepEqual(await snapshot(home), privateBefore, 'the private folder is untouched');
    const cache = path.join(bed.runsDir, '.cache', 'stages');
    for (const rel of await readdir(cache, { recursive: true }).catch(() => [] as string[])) {
      const full = path.join(cache, String(rel));
      const text = await readFile(full, 'utf8').catch(() => '');
      assert.ok(!text.includes('PRIVATE KEY'), `${full} holds the private key`);
    }
  },
);
