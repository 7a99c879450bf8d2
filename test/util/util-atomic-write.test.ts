import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic, writeJsonAtomic } from '../../src/util/atomic.js';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'aelab-atomic-'));

test('an atomic write replaces the file whole, creates its folder, and leaves no temp file behind', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'deep', 'er', 'weights.bin');
  const big = new Uint8Array(8 * 1024 * 1024 + 3).map((_, i) => i % 251);
  await writeFileAtomic(file, 'old');
  await writeFileAtomic(file, big);
  assert.deepEqual(new Uint8Array(await readFile(file)), big);
  await writeFileAtomic(file, [new Uint8Array([1, 2]), new Uint8Array([3])]);
  assert.deepEqual([...(await readFile(file))], [1, 2, 3]);
  assert.deepEqual(await readdir(path.dirname(file)), ['weights.bin']);
});

test('writes of one file asked for at once land in the order they were asked for', async () => {
  const file = path.join(await tempDir(), 'run.json');
  await Promise.all(
    Array.from({ length: 40 }, (_, i) => writeJsonAtomic(file, { version: i, padding: 'x'.repeat((40 - i) * 1000) })),
  );
  assert.equal((JSON.parse(await readFile(file, 'utf8')) as { version: number }).version, 39);
});

test('a write that cannot be made fails with an error that names the file, and leaves nothing behind', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'not-a-folder'), '');
  const file = path.join(dir, 'not-a-folder', 'run.json');
  await assert.rejects(writeFileAtomic(file, '{}'), (e: Error) => e.message.includes(file));
  assert.deepEqual(await readdir(dir), ['not-a-folder']);
});
