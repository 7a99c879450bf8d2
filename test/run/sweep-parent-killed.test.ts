import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';
import { childrenOf, slowRun, startCli, waitGone } from '../support/processes.js';
import { readJson, runFolders } from '../support/runs.js';

test('after the sweep parent is killed with -9, no trial process is left, and the sweep shows as died', async () => {
  const { dir } = await writeExperiment(
    `${slowRun(400)}sweep:\n  grid: { stages.ae.latent: [4, 8] }\n  parallel: 2\n`,
    'sweep.yaml',
  );
  const sweep = startCli(['run', 'sweep.yaml', '--no-cache'], dir);
  // Wait until both trials train their classifier.
  let folder: string | undefined;
  for (let i = 0; i < 1200; i++) {
    [folder] = await runFolders(dir);
    const epochs = await Promise.all(
      ['t000', 't001'].map((t) =>
        readJson<{ stages: { clf?: { epoch?: number } } }>(path.join(folder ?? dir, 'trials', t, 'run.json'))
          .then((r) => r.stages.clf?.epoch ?? 0)
          .catch(() => 0),
      ),
    );
    if (epochs.every((e) => e >= 1)) break;
    await sleep(100);
  }
  const workers = await childrenOf(sweep.child.pid!);
  assert.equal(workers.length, 2, 'two trial processes');
  sweep.child.kill('SIGKILL');
  await sweep.ended;
  const started = Date.now();
  assert.deepEqual(await waitGone(workers, 5), [], 'every trial process is gone');
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds < 5, `gone after ${seconds}s`);

  const id = path.basename(folder!);
  const ls = await runCli(['runs', 'ls'], dir);
  assert.match(ls.stdout, new RegExp(`^${id}\\s+sweep \\(2 trials\\)\\s+died\\b`, 'm'));
  const show = await runCli(['runs', 'show', id], dir);
  assert.match(show.stdout, /^ {2}t000 {2}died\b/m);
  const trial = await runCli(['runs', 'show', `${id}/t001`], dir);
  assert.match(trial.stdout, /^status\s+died: process \d+ on .+ is gone/m);
});
