import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';

// An autoencoder and a classifier on its reconstructions: the classifier reads the cached
// reconstructions whenever the autoencoder comes from the cache.
const EXPERIMENT = `name: cache-check
seed: 3
data:
  digits: { source: mnist, train: 200, test: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
    train: { epochs: 1, batch_size: 100 }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [16]
    train: { epochs: 1, batch_size: 100 }
`;

const run = (dir: string): Promise<CliResult> => runCli(['run', 'cache-check.yaml', '--wasm-threads', '1'], dir);
const warnings = (r: CliResult): string[] => r.stderr.split('\n').filter((l) => /warning:/.test(l));

/** The cache entry folder of one stage, found by its manifest. */
async function entryOf(dir: string, stage: string): Promise<string> {
  const root = path.join(dir, 'runs', '.cache', 'stages');
  for (const name of await readdir(root)) {
    const manifest = path.join(root, name, 'manifest.json');
    if (existsSync(manifest) && (JSON.parse(await readFile(manifest, 'utf8')) as { stage: string }).stage === stage)
      return path.join(root, name);
  }
  throw new Error(`no cache entry for ${stage}`);
}

/** A rerun after damage: exit 0, one warning naming `named`, the autoencoder trained again; then a clean hit. */
async function recomputesOnce(dir: string, named: string): Promise<void> {
  const again = await run(dir);
  assert.equal(again.code, 0, again.stderr + again.stdout);
  const said = warnings(again);
  assert.equal(said.length, 1, `one warning, got:\n${again.stderr}`);
  assert.ok(said[0]!.includes(named), `the warning names ${named}: ${said[0]}`);
  assert.match(said[0]!, /^ae: warning: .*computed again/);
  assert.match(again.stdout, /^ae: done in/m, 'the autoencoder was computed again');
  assert.match(again.stdout, /^clf: (done in|from the cache)/m);

  const clean = await run(dir);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(warnings(clean), [], clean.stderr);
  assert.match(clean.stdout, /^ae: from the cache/m, 'the recomputed entry is served on the next run');
  assert.match(clean.stdout, /^clf: from the cache/m);
}

test('a damaged stage cache entry (truncated file, zero-filled file, cut manifest) is evicted with one warning naming it and computed again', async () => {
  const { dir } = await writeExperiment(EXPERIMENT, 'cache-check.yaml');
  const first = await run(dir);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  assert.deepEqual(warnings(first), []);

  // A truncated output file: was "RangeError: offset is out of bounds" in the classifier.
  let entry = await entryOf(dir, 'ae');
  let file = path.join(entry, 'reconstructions.train.f32');
  await truncate(file, 1000);
  await recomputesOnce(dir, path.join('runs', '.cache', 'stages', path.basename(entry), 'reconstructions.train.f32'));

  // The right size, the wrong bytes: was used silently, and its result cached again.
  entry = await entryOf(dir, 'ae');
  file = path.join(entry, 'reconstructions.train.f32');
  await writeFile(file, Buffer.alloc((await stat(file)).size));
  await recomputesOnce(dir, 'reconstructions.train.f32');

  // A manifest cut in the middle: the stage retrained on every run and the entry stayed.
  entry = await entryOf(dir, 'ae');
  const manifest = path.join(entry, 'manifest.json');
  await truncate(manifest, Math.floor((await stat(manifest)).size / 2));
  await recomputesOnce(dir, 'manifest.json');
});

test('a temp folder left by a killed process and an entry folder without a manifest are removed, with one warning each', async () => {
  const { dir } = await writeExperiment(EXPERIMENT, 'cache-check.yaml');
  const first = await run(dir);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  const root = path.join(dir, 'runs', '.cache', 'stages');
  // pid 2^22+1 is above Linux's pid_max: no such process. The host part is this machine's.
  const own = (await readdir(root)).find((n) => /^[0-9a-f]{16}$/.test(n))!;
  const entryFiles = await readdir(path.join(root, own));
  assert.ok(entryFiles.includes('manifest.json'));
  const host = await hostTag();
  const orphan = path.join(root, `.tmp-0123456789abcdef-4194305-${host}-deadbeef`);
  await mkdir(path.join(orphan, 'artifacts'), { recursive: true });
  await writeFile(path.join(orphan, 'codes.train.f32'), Buffer.alloc(64));
  const headless = path.join(root, 'fedcba9876543210');
  await mkdir(headless);
  await writeFile(path.join(headless, 'codes.train.f32'), Buffer.alloc(64));

  const again = await run(dir);
  assert.equal(again.code, 0, again.stderr);
  const said = warnings(again);
  assert.equal(said.length, 2, again.stderr);
  assert.ok(
    said.some((w) => w.includes(path.basename(orphan)) && /process that is gone/.test(w)),
    again.stderr,
  );
  assert.ok(
    said.some((w) => w.includes('fedcba9876543210') && /no manifest\.json/.test(w)),
    again.stderr,
  );
  assert.ok(!existsSync(orphan) && !existsSync(headless));
  assert.match(again.stdout, /^ae: from the cache/m, 'good entries are untouched');

  const clean = await run(dir);
  assert.deepEqual(warnings(clean), [], clean.stderr);
});

/** The host part of a temp folder's name, as the cache writes it. */
async function hostTag(): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { hostname } = await import('node:os');
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
}
