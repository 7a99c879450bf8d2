import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { runCli } from '../support/cli.js';

const EXPERIMENT = `name: idx-bytes
seed: 1
data:
  pics: { source: idx, path: pics }
stages:
  ae:
    type: autoencoder
    input: pics
    latent: 4
    train: { epochs: 1, batch_size: 50 }
`;

test('an IDX folder whose files were replaced by other bytes is a cache miss: the second run trains again', async () => {
  const { dir, remove } = await tempDir('idx-bytes');
  try {
    await mkdir(path.join(dir, 'pics'));
    await writeIdxFolder(path.join(dir, 'pics'), generateIdx(100, 50, 8, 8, 10, 1), false);
    await writeFile(path.join(dir, 'e.yaml'), EXPERIMENT);
    const run = () => runCli(['run', 'e.yaml', '--wasm-threads', '1'], dir);

    const first = await run();
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /^ae: done in/m);
    const same = await run();
    assert.match(same.stdout, /^ae: from the cache/m, 'unchanged files: the stage comes from the cache');

    // Same names, same sizes, same shapes: only the bytes differ (another seed's pixels).
    await writeIdxFolder(path.join(dir, 'pics'), generateIdx(100, 50, 8, 8, 10, 2), false);
    const changed = await run();
    assert.equal(changed.code, 0, changed.stderr + changed.stdout);
    assert.match(changed.stdout, /^ae: done in/m, `changed bytes: trained again\n${changed.stdout}`);
    const again = await run();
    assert.match(again.stdout, /^ae: from the cache/m, 'and the new result is cached in turn');
  } finally {
    await remove();
  }
});
