import assert from 'node:assert/strict';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  encodeIdxImages,
  encodeIdxLabels,
  findIdxFiles,
  readIdxImages,
  readIdxLabels,
  readIdxSplit,
} from '../../src/data/idx.js';
import { loadDataSplit } from '../../src/data/load.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { unitValue } from '../../src/util/pixels.js';

let root: string;
let remove: () => Promise<void>;
before(async () => {
  ({ dir: root, remove } = await tempDir('idx'));
});
after(() => remove());

async function folder(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

function errorOf(r: { ok: boolean; error?: string }): string {
  assert.equal(r.ok, false, 'expected an error value');
  return r.error!;
}

test('reads raw and gzipped IDX files back to the bytes that were written', async () => {
  const data = generateIdx(12, 5, 7, 9);
  for (const gz of [false, true]) {
    const dir = await folder(gz ? 'gz' : 'raw');
    await writeIdxFolder(dir, data, gz);
    const files = await findIdxFiles(dir);
    assert.ok(files.ok, files.ok ? '' : files.error);
    assert.equal(path.basename(files.value.trainImages), `train-images-idx3-ubyte${gz ? '.gz' : ''}`);
    const split = await readIdxSplit(files.value);
    assert.ok(split.ok, split.ok ? '' : split.error);
    const { train, test: t } = split.value;
    assert.deepEqual([train.n, train.height, train.width, t.n], [12, 7, 9, 5]);
    assert.deepEqual(train.pixels, data.trainPixels);
    assert.deepEqual(train.labels, data.trainLabels);
    assert.deepEqual(t.pixels, data.testPixels);
    assert.deepEqual(t.labels, data.testLabels);
  }
});

test('finds files named with a dot before idx (train-images.idx3-ubyte)', async () => {
  const data = generateIdx(3, 2);
  const dir = await folder('dotted');
  await writeIdxFolder(dir, data, false);
  for (const stem of ['train-images', 'train-labels', 't10k-images', 't10k-labels']) {
    const kind = stem.endsWith('images') ? 'idx3' : 'idx1';
    await rename(path.join(dir, `${stem}-${kind}-ubyte`), path.join(dir, `${stem}.${kind}-ubyte`));
  }
  const files = await findIdxFiles(dir);
  assert.ok(files.ok, files.ok ? '' : files.error);
  assert.equal(path.basename(files.value.testLabels), 't10k-labels.idx1-ubyte');
});

test('loads an idx folder as floats in [0,1] equal to byte/255, relative to the project folder', async () => {
  const data = generateIdx(20, 10, 28, 28, 4);
  await writeIdxFolder(await folder('proj/digits'), data, true);
  const r = await loadDataSplit(
    { source: 'idx', path: 'digits' },
    { seed: 1, projectDir: path.join(root, 'proj'), cacheDir: '.cache' },
  );
  assert.ok(r.ok, r.ok ? '' : r.error);
  const { train, test: t, identity } = r.value;
  assert.deepEqual([train.n, t.n, train.height, train.width, train.channels, train.classes], [20, 10, 28, 28, 1, 4]);
  assert.equal(unitValue(train.images, 100), Math.fround(data.trainPixels[100]! / 255));
  assert.equal(
    unitValue(t.images, t.images.length - 1),
    Math.fround(data.testPixels[data.testPixels.length - 1]! / 255),
  );
  assert.deepEqual(train.labels, data.trainLabels);
  assert.match(identity, /^idx:.*digits;content=[0-9a-f]{16};/);
});

test('takes a seeded subset of an idx folder: same seed same samples, identity names seed and sizes', async () => {
  const data = generateIdx(30, 10);
  await writeIdxFolder(await folder('subset'), data, false);
  const opts = (seed: number) => ({ seed, projectDir: root, cacheDir: '.cache' });
  const a = await loadDataSplit({ source: 'idx', path: 'subset', train: 8, test: 4 }, opts(3));
  const b = await loadDataSplit({ source: 'idx', path: 'subset', train: 8, test: 4 }, opts(3));
  const c = await loadDataSplit({ source: 'idx', path: 'subset', train: 8, test: 4 }, opts(4));
  assert.ok(a.ok && b.ok && c.ok);
  assert.equal(a.value.train.n, 8);
  assert.equal(a.value.test.n, 4);
  assert.deepEqual(a.value.train.images, b.value.train.images);
  assert.notDeepEqual(a.value.train.images, c.value.train.images);
  assert.equal(a.value.identity, b.value.identity);
  assert.notEqual(a.value.identity, c.value.identity);
  assert.match(a.value.identity, /seed=3;train=8;test=4$/);
  const tooMany = await loadDataSplit({ source: 'idx', path: 'subset', train: 31 }, opts(3));
  assert.match(errorOf(tooMany), /train: 31 samples asked for, the set has 30/);
});

test('identity changes when the files of an idx folder change', async () => {
  const dir = await folder('changing');
  await writeIdxFolder(dir, generateIdx(5, 5, 28, 28, 10, 1), false);
  const a = await loadDataSplit({ source: 'idx', path: dir }, { seed: 1, projectDir: root, cacheDir: '.c' });
  await writeIdxFolder(dir, generateIdx(5, 5, 28, 28, 10, 2), false);
  const b = await loadDataSplit({ source: 'idx', path: dir }, { seed: 1, projectDir: root, cacheDir: '.c' });
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.value.identity, b.value.identity);
});

test('rejects an IDX file whose magic number is wrong, naming what it found', async () => {
  const dir = await folder('magic');
  const labels = path.join(dir, 'labels');
  await writeFile(labels, encodeIdxLabels(new Uint8Array([1, 2])));
  assert.match(
    errorOf(await readIdxImages(labels)),
    /labels: wrong magic number 0x00000801 \(that is an IDX label file\); an IDX image file starts with 0x00000803/,
  );
  const junk = path.join(dir, 'junk.gz');
  await writeFile(junk, gzipSync(Buffer.from('hello world, not idx')));
  assert.match(
    errorOf(await readIdxLabels(junk)),
    /junk\.gz: wrong magic number 0x68656c6c; an IDX label file starts with 0x00000801/,
  );
});

test('rejects truncated IDX data, raw and gzipped, saying how much is missing', async () => {
  const dir = await folder('truncated');
  const full = encodeIdxImages(new Uint8Array(3 * 4 * 4).fill(9), 3, 4, 4);
  const cut = path.join(dir, 'cut');
  await writeFile(cut, full.subarray(0, full.length - 5));
  assert.match(
    errorOf(await readIdxImages(cut)),
    /cut: truncated: 3 images of 4x4 need 48 bytes of data, the file has 43/,
  );
  const header = path.join(dir, 'header');
  await writeFile(header, full.subarray(0, 10));
  assert.match(
    errorOf(await readIdxImages(header)),
    /header: truncated: the header declares 3 dimensions but the file ends after 10 bytes/,
  );
  const gz = gzipSync(full);
  const cutGz = path.join(dir, 'cut.gz');
  await writeFile(cutGz, gz.subarray(0, gz.length - 12));
  assert.match(errorOf(await readIdxImages(cutGz)), /cut\.gz: the gzip data is corrupt or truncated/);
});

test('rejects an image file and a label file whose counts differ', async () => {
  const data = generateIdx(6, 4);
  const dir = await folder('mismatch');
  await writeIdxFolder(dir, data, false);
  await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), encodeIdxLabels(data.trainLabels.subarray(0, 5)));
  const files = await findIdxFiles(dir);
  assert.ok(files.ok);
  assert.match(
    errorOf(await readIdxSplit(files.value)),
    /train-images-idx3-ubyte holds 6 images but .*train-labels-idx1-ubyte holds 5 labels/,
  );
});

test('reports a missing file and a folder missing some of the four files', async () => {
  const dir = await folder('partial');
  assert.match(errorOf(await readIdxImages(path.join(dir, 'nope'))), /nope: file not found/);
  await writeFile(
    path.join(dir, 'train-images-idx3-ubyte.gz'),
    gzipSync(encodeIdxImages(new Uint8Array(784), 1, 28, 28)),
  );
  const missing = errorOf(await findIdxFiles(dir));
  assert.match(
    missing,
    /no training labels \(looked for train-labels-idx1-ubyte, train-labels-idx1-ubyte\.gz, train-labels\.idx1-ubyte, train-labels\.idx1-ubyte\.gz\)/,
  );
  assert.match(missing, /no test images/);
  assert.doesNotMatch(missing, /no training images/);
  assert.match(errorOf(await findIdxFiles(path.join(root, 'absent'))), /absent: folder not found/);
  const viaLoad = await loadDataSplit({ source: 'idx', path: 'absent' }, { seed: 1, projectDir: root, cacheDir: '.c' });
  assert.match(errorOf(viaLoad), /absent: folder not found/);
});
