import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { runCli } from '../support/cli.js';

test("a relative `path:` is taken from the experiment file's folder by validate and run alike, whatever the current directory", async () => {
  const { dir, remove } = await tempDir('rel-path');
  try {
    // project/exp/e.yaml names `pics`, which is project/exp/pics; project/pics does not exist.
    const exp = path.join(dir, 'exp');
    await mkdir(path.join(exp, 'pics'), { recursive: true });
    await writeIdxFolder(path.join(exp, 'pics'), generateIdx(100, 50, 8, 8, 10, 1), false);
    await writeFile(
      path.join(exp, 'e.yaml'),
      `name: rel
seed: 1
data:
  pics: { source: idx, path: pics }
stages:
  ae: { type: autoencoder, input: pics, latent: 4, train: { epochs: 1, batch_size: 50 } }
`,
    );
    const validate = await runCli(['validate', 'exp/e.yaml'], dir);
    assert.equal(validate.code, 0, validate.stderr);
    const run = await runCli(['run', 'exp/e.yaml', '--wasm-threads', '1'], dir);
    assert.equal(run.code, 0, `validate passed, so run must find the same folder:\n${run.stderr}${run.stdout}`);
    assert.match(run.stdout, /^ae: done in/m);
  } finally {
    await remove();
  }
});
