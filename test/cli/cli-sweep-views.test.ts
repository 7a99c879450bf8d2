import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { runFolders } from '../support/runs.js';

test("plan, runs ls, runs show and runs compare show a sweep's trials, key metrics and best trial", async () => {
  const { dir } = await writeExperiment(
    tinySweep('  grid: { stages.clf.dense: [[8], [16]] }\n  parallel: 2'),
    'sweep.yaml',
  );
  const flags = ['--sweep', 'stages.ae.latent=4,8,16', '--set', 'stages.ae.train.epochs=1'];

  // plan honours --sweep as run does: the flag's three values replace nothing else of the file's grid.
  const plan = await runCli(['plan', 'sweep.yaml', ...flags, '--parallel', '3'], dir);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /^Trials \(6, 3 at a time\):/m);
  assert.match(plan.stdout, /stages\.ae\.latent=16/);

  const run = await runCli(['run', 'sweep.yaml', ...flags], dir);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const [sweepDir] = await runFolders(dir);
  const sweep = path.basename(sweepDir!);

  const ls = await runCli(['runs', 'ls'], dir);
  assert.match(ls.stdout, new RegExp(`${sweep}\\s+sweep \\(6 trials\\)\\s+finished.*best t00\\d: .*clf\\.test_acc=`));

  const show = await runCli(['runs', 'show', sweep], dir);
  assert.match(show.stdout, /objective clf\.test_acc \(highest wins\); best trial t00\d/);
  const best = /best trial (t00\d)/.exec(show.stdout)![1]!;
  assert.match(show.stdout, new RegExp(`^\\* ${best}  finished .*clf\\.test_acc=`, 'm'));
  assert.equal(show.stdout.match(/^[* ] t00\d {2}finished .*clf\.test_acc=/gm)?.length, 6);

  const compare = await runCli(['runs', 'compare', `${sweep}/t000`, `${sweep}/t001`, `${sweep}/t005`], dir);
  assert.equal(compare.code, 0, compare.stderr);
  assert.match(compare.stdout, /^\s+t000\s+t001\s+t005$/m);
  for (const line of compare.stdout.split('\n')) assert.ok(line.length <= 100, `${line.length} columns: ${line}`);
});
