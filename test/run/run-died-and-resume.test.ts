import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';
import { childrenOf, slowRun, startCli, waitForRun, waitGone } from '../support/processes.js';
import { readJson } from '../support/runs.js';

type Record = {
  status: string;
  pid?: number;
  host?: string;
  stages: { [stage: string]: { status: string; epoch?: number } };
};

test('a single run killed with -9 takes its trial process with it, shows as died, and `aelab resume` completes it from the stage cache', async () => {
  const { dir } = await writeExperiment(slowRun(12), 'slow.yaml');
  const run = startCli(['run', 'slow.yaml'], dir);
  const folder = await waitForRun(dir, (r) => (r.stages.clf?.epoch ?? 0) >= 2);
  const id = path.basename(folder);
  const record = await readJson<Record>(path.join(folder, 'run.json'));
  assert.equal(record.pid, run.child.pid, 'run.json names the process that records the run');
  assert.ok(record.host);
  const heartbeat = await readJson<{ pid: number; host: string; time: string }>(path.join(folder, 'heartbeat.json'));
  assert.equal(heartbeat.pid, run.child.pid);
  assert.ok(Date.now() - Date.parse(heartbeat.time) < 30_000, 'the heartbeat is fresh');

  const workers = await childrenOf(run.child.pid!);
  assert.ok(workers.length >= 1);
  run.child.kill('SIGKILL');
  await run.ended;
  assert.deepEqual(await waitGone(workers, 5), [], 'the trial process exits when its parent dies');

  // run.json still says running: nobody was left to say otherwise. The listing says what happened.
  assert.equal((await readJson<Record>(path.join(folder, 'run.json'))).status, 'running');
  const ls = await runCli(['runs', 'ls'], dir);
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, new RegExp(`^${id}\\s+run\\s+died\\b`, 'm'));
  const json = await runCli(['runs', 'ls', '--json'], dir);
  assert.equal((JSON.parse(json.stdout) as { status: string }[])[0]?.status, 'died');
  const show = await runCli(['runs', 'show', id], dir);
  assert.match(show.stdout, new RegExp(`^status\\s+died: process ${run.child.pid} on .+ is gone`, 'm'));

  const resumed = await runCli(['resume', id, '--wasm-threads', '1'], dir);
  assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
  assert.match(
    resumed.stdout,
    new RegExp(`^resuming ${id} \\(died\\): finished stages come from the stage cache`, 'm'),
  );
  assert.match(resumed.stdout, /^ae: from the cache/m);
  assert.match(resumed.stdout, /^clf epoch 12\/12 /m);
  const done = await readJson<Record>(path.join(folder, 'run.json'));
  assert.equal(done.status, 'finished');
  assert.deepEqual(
    Object.values(done.stages).map((s) => s.status),
    ['finished', 'finished'],
  );
  const again = await runCli(['runs', 'ls'], dir);
  assert.match(again.stdout, new RegExp(`^${id}\\s+run\\s+finished\\b`, 'm'));

  const twice = await runCli(['resume', id], dir);
  assert.equal(twice.code, 0);
  assert.match(twice.stdout, /finished; nothing to resume/);
});

test('`aelab resume` leaves a run that is still alive alone', async () => {
  const { dir } = await writeExperiment(slowRun(400), 'slow.yaml');
  const run = startCli(['run', 'slow.yaml', '--no-cache'], dir);
  const folder = await waitForRun(dir, (r) => (r.stages.clf?.epoch ?? 0) >= 1);
  const resumed = await runCli(['resume', path.basename(folder)], dir);
  assert.equal(resumed.code, 1);
  assert.match(resumed.stderr, new RegExp(`is still running \\(process ${run.child.pid} on `));
  const ls = await runCli(['runs', 'ls'], dir);
  assert.match(ls.stdout, /\srun\s+running\b/);
  run.ctrlC();
  assert.equal(await run.exited, 130);
});
