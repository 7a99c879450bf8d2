import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders } from '../support/runs.js';

test('--wasm-threads sets the wasm thread count of a run, which says so and records it', async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT);
  // 3 is more than this machine's default (its cores) on 2 cores, and explicit counts win.
  const result = await runCli(['run', 'experiment.yaml', '--backend', 'wasm', '--wasm-threads', '3'], dir, {
    AELAB_WASM_THREADS: '',
  });
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout.split('\n')[0]!, /^backend: wasm \(SIMD, 3 threads\)/);
  const [runDir] = await runFolders(dir);
  const run = await readJson<{ environment: { threads?: number } }>(path.join(runDir!, 'run.json'));
  assert.equal(run.environment.threads, 3);
});

test('--wasm-threads outside 1-8 is refused before anything runs', async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT);
  for (const bad of ['0', '9', 'two', '1.5']) {
    const result = await runCli(['run', 'experiment.yaml', '--wasm-threads', bad], dir);
    assert.equal(result.code, 2, `${bad}: ${result.stderr}`);
    assert.match(
      result.stderr,
      new RegExp(`--wasm-threads must be a whole number from 1 to 8, not ${bad.replace('.', '\\.')}`),
    );
    assert.deepEqual(await runFolders(dir), [], 'no run folder');
  }
});
