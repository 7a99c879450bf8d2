import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { IDX_FILE_NAMES, IDX_ROLES } from '../../src/data/idx.js';
import { loadDataSplit } from '../../src/data/load.js';
import { loadOfficialMnist, mnistDataDir, officialMnistCacheFile } from '../../src/data/mnist-official.js';
import { imageKey, tempDir } from '../support/data-helpers.js';
import { unitValue } from '../../src/util/pixels.js';

let dir: string;
let remove: () => Promise<void>;
before(async () => {
  ({ dir, remove } = await tempDir('mnist-official'));
});
after(() => remove());

const cacheDir = () => path.join(dir, 'cache');
const opts = (seed: number) => ({ seed, projectDir: dir, cacheDir: cacheDir() });

/** A folder with the four official files, all linked except `broken`, which is copied for damage. */
async function folderWithCopyOf(name: string, broken: string): Promise<string> {
  const source = mnistDataDir();
  assert.ok(source.ok, source.ok ? '' : source.error);
  const folder = path.join(dir, name);
  await mkdir(folder);
  for (const role of IDX_ROLES) {
    const file = IDX_FILE_NAMES[role];
    if (file === broken) await copyFile(path.join(source.value, file), path.join(folder, file));
    else await symlink(path.join(source.value, file), path.join(folder, file));
  }
  return folder;
}

test('loads the official files: 60,000 training and 10,000 test digits with their first labels and pixels', async () => {
  const loaded = await loadOfficialMnist({ cacheDir: cacheDir() });
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
  const { train, test: t10k } = loaded.value;
  assert.equal(train.n, 60_000);
  assert.equal(t10k.n, 10_000);
  assert.deepEqual([train.height, train.width, t10k.height, t10k.width], [28, 28, 28, 28]);
  // mnist.load_data(): y_train[:10] and y_test[:10].
  assert.deepEqual([...train.labels.subarray(0, 10)], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  assert.deepEqual([...t10k.labels.subarray(0, 10)], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  // x_train[0][5][12:17] = 3, 18, 18, 18, 126: row 5 is the first with ink.
  assert.deepEqual([...train.pixels.subarray(5 * 28 + 12, 5 * 28 + 17)], [3, 18, 18, 18, 126]);
  assert.ok(train.pixels.subarray(0, 5 * 28 + 12).every((p) => p === 0));
  // Counts per class of the training split, as published.
  const counts = new Array<number>(10).fill(0);
  for (const l of train.labels) counts[l]!++;
  assert.deepEqual(counts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
});

test('converts the files once into a cache of bytes (55 MB, not 219 MB of floats), then reads only the cache', async () => {
  const first = await loadOfficialMnist({ cacheDir: cacheDir() });
  assert.ok(first.ok);
  const file = officialMnistCacheFile(cacheDir());
  assert.equal((await stat(file)).size, 16 + 70_000 * (1 + 784));
  const again = await loadOfficialMnist({ cacheDir: cacheDir(), dataDir: path.join(dir, 'no-such-folder') });
  assert.ok(again.ok, again.ok ? '' : again.error);
  assert.equal(again.value.cache, 'hit');
  assert.ok(Buffer.from(again.value.train.pixels).equals(Buffer.from(first.value.train.pixels)));
  assert.ok(Buffer.from(again.value.test.labels).equals(Buffer.from(first.value.test.labels)));
});

test('a truncated file is an error that names it and says it is truncated', async () => {
  const folder = await folderWithCopyOf('truncated', 't10k-labels-idx1-ubyte');
  const file = path.join(folder, 't10k-labels-idx1-ubyte');
  await truncate(file, 5000);
  const r = await loadOfficialMnist({ cacheDir: path.join(dir, 'cache-truncated'), dataDir: folder });
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.match(
    r.error,
    new RegExp(`^${file.replace(/[.]/g, '\\.')}: truncated: 5000 bytes, the official file has 10008`),
  );
  assert.doesNotMatch(r.error, /train-images/, 'only the broken file is named');
});

test('a corrupt file of the right size is an error that names it (sha256 mismatch)', async () => {
  const folder = await folderWithCopyOf('corrupt', 'train-labels-idx1-ubyte');
  const file = path.join(folder, 'train-labels-idx1-ubyte');
  const bytes = await readFile(file);
  bytes[100] = (bytes[100]! + 1) % 10;
  await writeFile(file, bytes);
  const r = await loadOfficialMnist({ cacheDir: path.join(dir, 'cache-corrupt'), dataDir: folder });
  assert.ok(!r.ok);
  assert.match(
    r.error,
    new RegExp(`^${file.replace(/[.]/g, '\\.')}: corrupt: sha256 [0-9a-f]{64}, the official file's is 65a50cbb`),
  );
});

test('smaller train and test sets are seeded subsets of their own split, the same for the same seed', async () => {
  const a = await loadDataSplit({ source: 'mnist', train: 300, test: 100 }, opts(1));
  const b = await loadDataSplit({ source: 'mnist', train: 300, test: 100 }, opts(1));
  const c = await loadDataSplit({ source: 'mnist', train: 300, test: 100 }, opts(2));
  assert.ok(a.ok && b.ok && c.ok);
  assert.equal(a.value.train.n, 300);
  assert.equal(a.value.test.n, 100);
  assert.deepEqual(a.value.train.images, b.value.train.images);
  assert.deepEqual(a.value.test.labels, b.value.test.labels);
  assert.equal(a.value.identity, b.value.identity);
  assert.notDeepEqual(a.value.train.images, c.value.train.images);
  assert.notEqual(a.value.identity, c.value.identity);
  // Training digits come from the training split and test digits from the test split.
  const full = await loadOfficialMnist({ cacheDir: cacheDir() });
  assert.ok(full.ok);
  const keys = (pixels: Uint8Array, n: number) =>
    new Set(Array.from({ length: n }, (_, i) => imageKey(pixels, i, 784)));
  const trainKeys = keys(full.value.train.pixels, 60_000);
  const testKeys = keys(full.value.test.pixels, 10_000);
  for (let i = 0; i < 300; i++)
    assert.ok(
      trainKeys.has(imageKey(a.value.train.images, i, 784)),
      `training digit ${i} is an official training digit`,
    );
  for (let i = 0; i < 100; i++)
    assert.ok(testKeys.has(imageKey(a.value.test.images, i, 784)), `test digit ${i} is an official test digit`);
});

test('the whole split comes in the official order, whatever the seed, and more digits than it has is an error', async () => {
  const all = await loadDataSplit({ source: 'mnist', test: 10_000 }, opts(1));
  const other = await loadDataSplit({ source: 'mnist', train: 60_000 }, opts(7));
  assert.ok(all.ok && other.ok);
  assert.equal(all.value.identity, other.value.identity, 'taking all is the same data for every seed');
  assert.deepEqual([...all.value.test.labels.subarray(0, 5)], [7, 2, 1, 0, 4]);
  assert.equal(unitValue(all.value.train.images, 5 * 28 + 16), Math.fround(126 / 255));
  const over = await loadDataSplit({ source: 'mnist', train: 60_001, test: 10 }, opts(1));
  assert.deepEqual(over, { ok: false, error: 'mnist: train: 60001 samples asked for, the set has 60000' });
});
