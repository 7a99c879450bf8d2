import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { loadExperiment } from '../../src/config/load.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { runCli } from '../support/cli.js';

/** A valid experiment followed by top-level unknown keys up to `bytes` (a pasted data dump). */
function unknownKeys(bytes: number): { text: string; keys: number } {
  const lines = [
    'name: big',
    'seed: 1',
    'data:',
    '  digits: { source: mnist, train: 100, test: 100 }',
    'stages:',
    '  ae: { type: autoencoder, input: digits, latent: 8 }',
  ];
  let size = lines.join('\n').length;
  let keys = 0;
  while (size < bytes) {
    const line = `k${keys++}: 1`;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, keys };
}

async function cpuSecondsToLoad(file: string): Promise<number> {
  const before = process.cpuUsage();
  await loadExperiment(file);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

test('validate lists the first 100 errors of a file, says how many more, and counts them all', async () => {
  const { dir, remove } = await tempDir('validate-cap');
  try {
    const { text, keys } = unknownKeys(255_000);
    await writeFile(path.join(dir, 'big.yaml'), text);
    const r = await runCli(['validate', 'big.yaml'], dir);
    assert.equal(r.code, 1);
    assert.equal((r.stderr.match(/^big\.yaml:\d+:\d+: error: /gm) ?? []).length, 100, 'one hundred errors listed');
    assert.match(
      r.stderr,
      new RegExp(
        `^\\.\\.\\. ${(keys - 100).toLocaleString('en-US')} more errors not shown: at most 100 errors a file are listed`,
        'm',
      ),
    );
    assert.match(
      r.stderr,
      new RegExp(`^big\\.yaml: invalid \\(${keys.toLocaleString('en-US')} errors, 0 warnings\\)$`, 'm'),
    );

    const json = await runCli(['validate', '--json', 'big.yaml'], dir);
    const doc = JSON.parse(json.stdout) as {
      files: { errors: number; diagnostics: unknown[]; omitted: { errors: number } }[];
    };
    assert.equal(doc.files[0]!.errors, keys);
    assert.equal(doc.files[0]!.diagnostics.length, 100);
    assert.equal(doc.files[0]!.omitted.errors, keys - 100);
  } finally {
    await remove();
  }
});

test("validate's time grows in proportion to the file: four times the unknown keys take well under sixteen times as long", async () => {
  const { dir, remove } = await tempDir('validate-linear');
  try {
    await writeFile(path.join(dir, 'small.yaml'), unknownKeys(64_000).text);
    await writeFile(path.join(dir, 'large.yaml'), unknownKeys(256_000).text);
    await cpuSecondsToLoad(path.join(dir, 'small.yaml')); // warm up the modules and the JIT
    const small = Math.min(
      await cpuSecondsToLoad(path.join(dir, 'small.yaml')),
      await cpuSecondsToLoad(path.join(dir, 'small.yaml')),
    );
    const large = Math.min(
      await cpuSecondsToLoad(path.join(dir, 'large.yaml')),
      await cpuSecondsToLoad(path.join(dir, 'large.yaml')),
    );
    // Linear is 4x; the quadratic duplicate-key check and key lookups made it about 8-16x.
    assert.ok(
      large / small < 7,
      `64 KB: ${small.toFixed(3)} s, 256 KB: ${large.toFixed(3)} s of CPU (x${(large / small).toFixed(1)})`,
    );
    assert.ok(large < 2, `256 KB of unknown keys in ${large.toFixed(2)} s of CPU`);
  } finally {
    await remove();
  }
});

test('a symlink inside the project that points outside it is refused like `..`', async () => {
  const { dir: outside, remove: removeOutside } = await tempDir('outside');
  const { dir, remove } = await tempDir('symlink-project');
  try {
    await writeIdxFolder(outside, generateIdx(20, 10, 8, 8, 10, 1), false);
    await mkdir(path.join(dir, 'inside'));
    await writeIdxFolder(path.join(dir, 'inside'), generateIdx(20, 10, 8, 8, 10, 1), false);
    await symlink(outside, path.join(dir, 'data'));
    const yaml = (p: string) =>
      `name: s\nseed: 1\ndata:\n  pics: { source: idx, path: ${p} }\nstages:\n  ae: { type: autoencoder, input: pics, latent: 4, train: { epochs: 1, batch_size: 10 } }\n`;
    await writeFile(path.join(dir, 'out.yaml'), yaml('data'));
    await writeFile(path.join(dir, 'in.yaml'), yaml('inside'));
    const out = await runCli(['validate', 'out.yaml'], dir);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /out\.yaml:4:\d+: error: `data` leads outside the project folder/);
    const inside = await runCli(['validate', 'in.yaml'], dir);
    assert.equal(inside.code, 0, inside.stderr);
  } finally {
    await remove();
    await removeOutside();
  }
});
