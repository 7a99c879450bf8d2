import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { downloadFile, downloadIdxFiles } from '../../src/data/download.js';
import { IDX_FILE_NAMES, IDX_ROLES, type IdxRole } from '../../src/data/idx.js';
import { loadDataSplit } from '../../src/data/load.js';
import { generateIdx, tempDir } from '../support/data-helpers.js';
import { unitValue } from '../../src/util/pixels.js';

// The test's server is on this machine: allowed explicitly, as an operator would (downloads go nowhere else).
process.env.AELAB_DOWNLOAD_ALLOW = '127.0.0.1';

/**
 * A real HTTP server on 127.0.0.1 serving generated IDX files. Per path it can behave normally
 * (with Range support), ignore Range, fail with 503 once, or drop the connection half-way once.
 */
type Mode = 'normal' | 'no-range' | 'fail-once' | 'drop-once';
interface Served {
  bytes: Uint8Array;
  mode: Mode;
  /** For drop-once: the client's .part file, watched so the drop happens after it holds the half. */
  partFile?: string;
  used?: boolean;
}
interface Logged {
  path: string;
  range: string | undefined;
}

const files = new Map<string, Served>();
const requests: Logged[] = [];
let server: Server;
let base: string;
let root: string;
let remove: () => Promise<void>;

const data = generateIdx(40, 15, 28, 28, 10, 11);
const gz: Record<IdxRole, Buffer> = Object.fromEntries(IDX_ROLES.map((r) => [r, gzipSync(data.bytes[r])])) as Record<
  IdxRole,
  Buffer
>;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function waitForSize(file: string, size: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const s = await stat(file).catch(() => undefined);
    if (s && s.size >= size) return;
    await sleep(5);
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  requests.push({ path: url, range: req.headers.range });
  const f = files.get(url);
  if (!f) {
    res.writeHead(404).end('not here');
    return;
  }
  const first = !f.used;
  f.used = true;
  const len = f.bytes.length;
  if (f.mode === 'fail-once' && first) {
    res.writeHead(503).end('busy');
    return;
  }
  if (f.mode === 'drop-once' && first) {
    const half = Math.floor(len / 2);
    res.writeHead(200, { 'content-length': len, 'accept-ranges': 'bytes' });
    res.write(f.bytes.subarray(0, half));
    await waitForSize(f.partFile!, half);
    req.socket.destroy();
    return;
  }
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (m && f.mode !== 'no-range') {
    const start = Number(m[1]);
    if (start >= len) {
      res.writeHead(416, { 'content-range': `bytes */${len}` }).end();
      return;
    }
    res.writeHead(206, { 'content-length': len - start, 'content-range': `bytes ${start}-${len - 1}/${len}` });
    res.end(f.bytes.subarray(start));
    return;
  }
  res.writeHead(200, { 'content-length': len });
  res.end(f.bytes);
}

before(async () => {
  ({ dir: root, remove } = await tempDir('download'));
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const set of ['plain', 'checksum'])
    for (const r of IDX_ROLES) files.set(`/${set}/${IDX_FILE_NAMES[r]}.gz`, { bytes: gz[r], mode: 'normal' });
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await remove();
});

const requestsTo = (prefix: string): Logged[] => requests.filter((r) => r.path.startsWith(prefix));
const fast = { retries: 3, backoffMs: 1 };

test('downloads the four IDX files of a url source and loads them; a second load makes no request', async () => {
  const cacheDir = path.join(root, 'cache-plain');
  const source = { source: 'url' as const, url: `${base}/plain/` };
  const first = await loadDataSplit(source, { seed: 1, projectDir: root, cacheDir, download: fast });
  assert.ok(first.ok, first.ok ? '' : first.error);
  assert.equal(requestsTo('/plain/').length, 4);
  assert.deepEqual([first.value.train.n, first.value.test.n, first.value.train.classes], [40, 15, 10]);
  assert.deepEqual(first.value.train.labels, data.trainLabels);
  assert.equal(unitValue(first.value.test.images, 500), Math.fround(data.testPixels[500]! / 255));
  assert.match(first.value.identity, new RegExp(`^url:${base}/plain/;content=`));

  const second = await loadDataSplit(source, { seed: 1, projectDir: root, cacheDir, download: fast });
  assert.ok(second.ok);
  assert.equal(requestsTo('/plain/').length, 4, 'no request for cached files');
  assert.equal(second.value.identity, first.value.identity);
  assert.deepEqual(second.value.train.images, first.value.train.images);
});

test('rejects a file whose sha256 does not match and does not keep it', async () => {
  const cacheDir = path.join(root, 'cache-checksum');
  const spec = {
    url: `${base}/checksum`,
    sha256: { trainImages: sha(gz.testImages), trainLabels: sha(gz.trainLabels) },
  };
  const r = await downloadIdxFiles(spec, cacheDir, fast);
  assert.equal(r.ok, false);
  assert.match(
    !r.ok ? r.error : '',
    new RegExp(
      `/checksum/train-images-idx3-ubyte\\.gz: sha256 mismatch: expected ${sha(gz.testImages)}, got ${sha(gz.trainImages)}; the file was not kept`,
    ),
  );
  const folder = path.join(cacheDir, 'downloads');
  const [sub] = await readdir(folder);
  const kept = await readdir(path.join(folder, sub!));
  assert.ok(!kept.some((f) => f.startsWith('train-images')), `kept: ${kept.join(', ')}`);
  assert.ok(kept.includes('train-labels-idx1-ubyte.gz'), 'the file whose checksum matched is kept');

  const before = requestsTo('/checksum/train-images').length;
  const fixed = await downloadIdxFiles({ ...spec, sha256: { trainImages: sha(gz.trainImages) } }, cacheDir, fast);
  assert.ok(fixed.ok, fixed.ok ? '' : fixed.error);
  assert.equal(requestsTo('/checksum/train-images').length, before + 1, 'the rejected file was fetched again');
  assert.equal(fixed.value.files.trainLabels.fromCache, true);
});

test('resumes with a Range request after the server drops the connection midway', async () => {
  const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
  const dest = path.join(root, 'resume', 'big.bin');
  files.set('/drop/big.bin', { bytes: big, mode: 'drop-once', partFile: `${dest}.part` });
  const r = await downloadFile(`${base}/drop/big.bin`, dest, { ...fast, sha256: sha(big) });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.value.resumed, true);
  const log = requestsTo('/drop/');
  assert.equal(log.length, 2);
  assert.equal(log[0]!.range, undefined);
  assert.equal(log[1]!.range, `bytes=${big.length / 2}-`);
  assert.deepEqual(new Uint8Array(await readFile(dest)), big);
  assert.deepEqual(await readdir(path.dirname(dest)), ['big.bin'], 'no .part left behind');
});

test('starts over when the server ignores the Range request of a partial file', async () => {
  const body = new Uint8Array(5000).map((_, i) => i % 256);
  const dest = path.join(root, 'norange', 'f.bin');
  await mkdir(path.dirname(dest), { recursive: true });
  await writeFile(`${dest}.part`, body.subarray(0, 1234));
  files.set('/norange/f.bin', { bytes: body, mode: 'no-range' });
  const r = await downloadFile(`${base}/norange/f.bin`, dest, fast);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.value.resumed, false);
  assert.equal(requestsTo('/norange/')[0]!.range, 'bytes=1234-');
  assert.deepEqual(new Uint8Array(await readFile(dest)), body);
});

test('retries after a 503 answer', async () => {
  const body = new Uint8Array(1000).fill(3);
  files.set('/busy/f.bin', { bytes: body, mode: 'fail-once' });
  const r = await downloadFile(`${base}/busy/f.bin`, path.join(root, 'busy', 'f.bin'), fast);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(requestsTo('/busy/').length, 2);
});

test('a 404 is a clear error naming the URL, not retried', async () => {
  const r = await loadDataSplit(
    { source: 'url', url: `${base}/missing`, train: 10 },
    { seed: 1, projectDir: root, cacheDir: 'cache-404', download: fast },
  );
  assert.equal(r.ok, false);
  const error = !r.ok ? r.error : '';
  assert.match(error, new RegExp(`${base}/missing/train-images-idx3-ubyte\\.gz: HTTP 404 Not Found`));
  assert.match(error, /t10k-labels-idx1-ubyte\.gz: HTTP 404/);
  assert.equal(requestsTo('/missing/').length, 4);
});

test('a server that cannot be reached fails after the retries with the network error', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const r = await downloadFile(`http://127.0.0.1:${port}/x`, path.join(root, 'unreachable', 'x'), {
    retries: 2,
    backoffMs: 1,
  });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /download failed after 3 attempts: fetch failed.*ECONNREFUSED/);
});
