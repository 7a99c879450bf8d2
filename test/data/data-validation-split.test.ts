import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataSplit } from '../../src/data/load.js';
import type { ImageSet } from '../../src/data/types.js';
import type { DataSourceConfig } from '../../src/types/experiment-config.js';
import { generateIdx, imageKey, tempDir, writeIdxFolder } from '../support/data-helpers.js';

/** Random pixels: every training image is a different one, so an image's pixels name it. */
const TRAIN = 400;
let root: string;
let remove: () => Promise<void>;
before(async () => {
  ({ dir: root, remove } = await tempDir('validation-split'));
  await mkdir(path.join(root, 'digits'));
  await writeIdxFolder(path.join(root, 'digits'), generateIdx(TRAIN, 50), false);
});
after(() => remove());

const keys = (set: ImageSet): string[] =>
  Array.from({ length: set.n }, (_, i) => imageKey(set.images, i, set.height * set.width));

async function load(counts: { train?: number; validation?: number }, seed: number) {
  const source = { source: 'idx', path: 'digits', ...counts } as DataSourceConfig;
  const split = await loadDataSplit(source, { seed, projectDir: root, cacheDir: path.join(root, 'cache') });
  assert.ok(split.ok, split.ok ? '' : split.error);
  return split.value;
}

test('the validation images are training images, none of them also trained on', async () => {
  const all = new Set(keys((await load({}, 1)).train));
  assert.equal(all.size, TRAIN, 'generated images are distinct');
  for (const counts of [{ train: 250, validation: 100 }, { validation: 100 }]) {
    const split = await load(counts, 1);
    const train = keys(split.train);
    const validation = keys(split.validation!);
    assert.equal(validation.length, 100);
    assert.equal(train.length, counts.train ?? TRAIN - 100);
    assert.ok(
      validation.every((k) => all.has(k)),
      'a validation image is not a training image',
    );
    const held = new Set(validation);
    assert.equal(held.size, 100, 'a validation image twice');
    assert.equal(train.filter((k) => held.has(k)).length, 0, 'an image both trained on and validated on');
  }
});

test('the same seed holds out the same images, another seed others, and the data identity says so', async () => {
  const a = await load({ train: 250, validation: 100 }, 1);
  const b = await load({ train: 250, validation: 100 }, 1);
  const c = await load({ train: 250, validation: 100 }, 2);
  assert.deepEqual(keys(a.validation!), keys(b.validation!));
  assert.deepEqual(keys(a.train), keys(b.train));
  assert.notDeepEqual(keys(a.validation!), keys(c.validation!));
  assert.equal(a.identity, b.identity);
  assert.notEqual(a.identity, c.identity);
  assert.match(a.identity, /;validation=100$/);
  // Holding images out leaves the `train: N` images as they were, and the test split alone.
  const without = await load({ train: 250 }, 1);
  assert.deepEqual(keys(without.train), keys(a.train));
  assert.deepEqual(keys(without.test), keys(a.test));
  assert.equal(without.validation, undefined);
  assert.doesNotMatch(without.identity, /;validation=/);
});

test('a validation split that leaves nothing to train on is refused when loading', async () => {
  const source = { source: 'idx', path: 'digits', train: 350, validation: 100 } as DataSourceConfig;
  const split = await loadDataSplit(source, { seed: 1, projectDir: root, cacheDir: path.join(root, 'cache') });
  assert.ok(!split.ok);
  assert.match(split.error, /350 \+ 100 samples asked for, the training split has 400/);
});
