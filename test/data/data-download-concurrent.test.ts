import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '../support/data-helpers.js';

// The test's server is on this machine: allowed explicitly, as an operator would (downloads go nowhere else).
process.env.AELAB_DOWNLOAD_ALLOW = '127.0.0.1';

const DOWNLOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'data', 'download.js');

test('two processes downloading the same file at once take turns: one request, one intact file', async () => {
  // A 2 MB file served slowly (64 KiB every 10 ms), so the two downloads overlap.
  const body = randomBytes(2 * 1024 * 1024);
  let requests = 0;
  const server = createServer(async (req, res) => {
    requests++;
    res.writeHead(200, { 'content-length': String(body.length) });
    for (let at = 0; at < body.length; at += 65536) {
      res.write(body.subarray(at, at + 65536));
      await sleep(10);
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.bin`;
  const { dir, remove } = await tempDir('concurrent');
  const dest = path.join(dir, 'cache', 'big.bin');
  // Each child process runs downloadFile and sends back its result.
  const child = path.join(dir, 'child.mjs');
  await writeFile(
    child,
    `import { downloadFile } from ${JSON.stringify(pathToFileURL(DOWNLOAD).href)};\n` +
      'process.send(await downloadFile(process.argv[2], process.argv[3], { retries: 0 }));\n',
  );
  const download = () =>
    new Promise<{ ok: boolean; value?: { fromCache: boolean } }>((resolve, reject) => {
      const p = fork(child, [url, dest], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      p.once('message', (m) => resolve(m as never));
      p.once('error', reject);
      p.once('exit', (code) => code !== 0 && reject(new Error(`child exited ${code}`)));
    });
  try {
    const [a, b] = await Promise.all([download(), download()]);
    assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
    assert.deepEqual(
      [a.value!.fromCache, b.value!.fromCache].sort(),
      [false, true],
      'one downloaded, the other found it in the cache',
    );
    assert.equal(requests, 1);
    const got = await readFile(dest);
    assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(body).digest('hex'));
    assert.deepEqual(await readdir(path.dirname(dest)), ['big.bin'], 'no .part or .lock left behind');
  } finally {
    server.close();
    await remove();
  }
});
