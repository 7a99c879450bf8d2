import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findIdxFiles, readIdxSplit } from '../../src/data/idx.js';
import { loadDataSplit } from '../../src/data/load.js';
import { missingDebianDataset } from '../support/debian-datasets.js';
import { floatRange } from '../../src/util/pixels.js';

// Installed by the Debian package dataset-fashion-mnist (gzipped IDX, 60,000 + 10,000).
const DIR = '/usr/share/datasets/fashion-mnist';
const skip = missingDebianDataset(DIR);

test(
  'reads the Fashion-MNIST files of the Debian package: 60,000 + 10,000 images of 28x28, 10 classes',
  { skip },
  async () => {
    const files = await findIdxFiles(DIR);
    assert.ok(files.ok, files.ok ? '' : files.error);
    const split = await readIdxSplit(files.value);
    assert.ok(split.ok, split.ok ? '' : split.error);
    const { train, test: t } = split.value;
    assert.deepEqual([train.n, train.height, train.width, t.n, t.height, t.width], [60_000, 28, 28, 10_000, 28, 28]);
    // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
    const count = (labels: Uint8Array): number[] => {
      const c = new Array<number>(10).fill(0);
      for (const l of labels) c[l]!++;
      return c;
    };
    assert.deepEqual(count(train.labels), new Array(10).fill(6000));
    assert.deepEqual(count(t.labels), new Array(10).fill(1000));
  },
);

test('loads a seeded subset of Fashion-MNIST as an idx source', { skip }, async () => {
  const r = await loadDataSplit(
    { source: 'idx', path: DIR, train: 500, test: 100 },
    { seed: 7, projectDir: '/', cacheDir: '/tmp' },
  );
  assert.ok(r.ok, r.ok ? '' : r.error);
  const { train, test: t } = r.value;
  assert.deepEqual([train.n, t.n, train.height, train.width, train.channels, train.classes], [500, 100, 28, 28, 1, 10]);
  const values = floatRange(train.images);
  let max = 0;
  for (const v of values) if (v > max) max = v;
  assert.equal(max, 1, 'pixels read as [0,1] and reach 1');
  assert.equal(new Set(train.labels).size, 10);
});
