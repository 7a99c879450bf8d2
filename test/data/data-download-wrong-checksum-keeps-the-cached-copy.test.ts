import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { IDX_FILE_NAMES, IDX_ROLES, type IdxRole } from '../../src/data/idx.js';
import { generateIdx, tempDir } from '../support/data-helpers.js';
import { runCli } from '../support/cli.js';

// The test's server is on this machine: allowed explicitly, as an operator would (downloads go nowhere else).
process.env.AELAB_DOWNLOAD_ALLOW = '127.0.0.1';

const data = generateIdx(100, 50, 8, 8, 10, 5);
const gz = Object.fromEntries(IDX_ROLES.map((r) => [r, gzipSync(data.bytes[r])])) as Record<IdxRole, Buffer>;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function experiment(base: string, sums?: Record<IdxRole, string>): string {
  const sha256 = sums ? `\n    sha256: { ${IDX_ROLES.map((r) => `${r}: "${sums[r]}"`).join(', ')} }` : '';
  return `name: dl
seed: 1
data:
  pics:
    source: url
    url: ${base}${sha256}
stages:
  ae: { type: autoencoder, input: pics, latent: 4, train: { epochs: 1, batch_size: 50 } }
`;
}

test('a download with a wrong sha256 fails the run but never deletes the good copy of the same URL in the cache', async () => {
  const { dir, remove } = await tempDir('dl-sum');
  const served = new Map(IDX_ROLES.map((r) => [`/set/${IDX_FILE_NAMES[r]}.gz`, gz[r]]));
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const body = served.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/set/`;
  try {
    const run = async (yaml: string) => {
      await writeFile(path.join(dir, 'e.yaml'), yaml);
      return runCli(['run', 'e.yaml', '--wasm-threads', '1'], dir);
    };
    // No checksums: downloaded into the cache.
    const first = await run(experiment(base));
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const downloads = path.join(dir, 'runs', '.cache', 'data', 'downloads');
    const [folder] = await readdir(downloads);
    const cachedImages = path.join(downloads, folder!, `${IDX_FILE_NAMES.trainImages}.gz`);
    assert.equal(sha(await readFile(cachedImages)), sha(gz.trainImages));

    // A typo in one checksum: the run fails naming the URL, and the cached copy stays as it was.
    const wrong = {
      ...Object.fromEntries(IDX_ROLES.map((r) => [r, sha(gz[r])])),
      trainImages: 'f'.repeat(64),
    } as Record<IdxRole, string>;
    const bad = await run(experiment(base, wrong));
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(
      bad.stdout + bad.stderr,
      /train-images-idx3-ubyte\.gz: sha256 mismatch: expected f{64}, got [0-9a-f]{64}; the file was not kept; the copy already in the cache .* was kept/,
    );
    assert.equal(
      sha(await readFile(cachedImages)),
      sha(gz.trainImages),
      'the good cached copy is still there, unchanged',
    );

    // With the right checksums and the server gone, the run works from the cached copy alone.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const before = requests;
    const right = await run(
      experiment(base, Object.fromEntries(IDX_ROLES.map((r) => [r, sha(gz[r])])) as Record<IdxRole, string>),
    );
    assert.equal(right.code, 0, right.stdout + right.stderr);
    assert.equal(requests, before, 'nothing was downloaded again');
  } finally {
    server.closeAllConnections();
    server.close();
    await remove();
  }
});
