import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { snapshot } from '../support/forged-jobs.js';
import { readJson, runFolders } from '../support/runs.js';

test("`aelab resume` checks the run folder's config.json like a user's file: a stage renamed to a path is refused in one line and nothing is written", async () => {
  const { dir } = await writeExperiment(oneStageExperiment('forged'), 'forged.yaml');
  const first = await runCli(['run', 'forged.yaml', '--wasm-threads', '1'], dir);
  assert.equal(first.code, 0, first.stderr);
  const [folder] = await runFolders(dir);
  assert.ok(folder);

  // What anyone with write access to the runs folder can do: mark the run failed, rename its stage.
  const record = await readJson<Record<string, unknown>>(path.join(folder, 'run.json'));
  await writeFile(path.join(folder, 'run.json'), JSON.stringify({ ...record, status: 'failed' }));
  const config = await readJson<{ stages: Record<string, unknown> }>(path.join(folder, 'config.json'));
  const [[name, stage]] = Object.entries(config.stages) as [[string, unknown]];
  const forged = { ...config, stages: { '../../x': stage } };
  assert.ok(name);
  await writeFile(path.join(folder, 'config.json'), JSON.stringify(forged, null, 2));
  const before = await snapshot(dir);

  const resumed = await runCli(['resume', path.basename(folder), '--wasm-threads', '1'], dir);
  assert.equal(resumed.code, 1, resumed.stdout + resumed.stderr);
  assert.match(resumed.stderr, /^error: .*config\.json is not a valid experiment: .*; nothing was resumed\n$/);
  assert.equal(resumed.stderr.trim().split('\n').length, 1, resumed.stderr);
  assert.equal(resumed.stdout, '');
  assert.deepEqual(await snapshot(dir), before, 'nothing changed, inside the runs folder or out of it');
  assert.equal(await readFile(path.join(folder, 'config.json'), 'utf8'), JSON.stringify(forged, null, 2));
});
