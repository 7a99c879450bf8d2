import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { encodeIdxImages, encodeIdxLabels } from '../../src/data/idx.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { runCli } from '../support/cli.js';
import { readJson, runFolders } from '../support/runs.js';

const EXPERIMENT = `name: bad-bytes
seed: 1
data:
  pics: { source: idx, path: pics }
stages:
  clf: { type: classifier, input: pics, arch: dense, dense: [8], train: { epochs: 1, batch_size: 50 } }
`;

/** Runs the experiment on an IDX folder after `damage`; returns the failed run's error and the output. */
async function runOn(damage: (pics: string) => Promise<void>): Promise<{ error: string; output: string }> {
  const { dir, remove } = await tempDir('bad-bytes');
  try {
    const pics = path.join(dir, 'pics');
    await mkdir(pics);
    await writeIdxFolder(pics, generateIdx(100, 50, 8, 8, 10, 1), false);
    await damage(pics);
    await writeFile(path.join(dir, 'e.yaml'), EXPERIMENT);
    const r = await runCli(['run', 'e.yaml', '--wasm-threads', '1'], dir);
    assert.equal(r.code, 1, `the run fails:\n${r.stdout}${r.stderr}`);
    const [run] = await runFolders(dir);
    const record = await readJson<{ status: string; stages: Record<string, { status: string; error?: string }> }>(
      path.join(run!, 'run.json'),
    );
    assert.equal(record.status, 'failed');
    assert.doesNotMatch(r.stdout, /clf epoch/, 'nothing was trained');
    return { error: record.stages.clf?.error ?? '', output: r.stdout + r.stderr };
  } finally {
    await remove();
  }
}

test('a label byte outside the classes (200 among 0-9) is refused with its file and index, not trained as a 201-class problem', async () => {
  const { error, output } = await runOn(async (pics) => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => i % 10);
    labels[17] = 200;
    await writeFile(path.join(pics, 'train-labels-idx1-ubyte'), encodeIdxLabels(labels));
  });
  assert.match(error, /pics\/train-labels-idx1-ubyte: label 200 at index 17 is outside the classes 0-9/);
  assert.match(output, /label 200 at index 17/);
});

test('test images of another size than the training images are refused, naming the file', async () => {
  const { error } = await runOn(async (pics) => {
    await writeFile(path.join(pics, 't10k-images-idx3-ubyte'), encodeIdxImages(new Uint8Array(50 * 81), 50, 9, 9));
  });
  assert.match(error, /training images are 8x8 but test images are 9x9 \(.*pics\/t10k-images-idx3-ubyte\)/);
});

test('a loss that explodes fails the stage with the loss, the epoch and a hint, instead of finishing', async () => {
  const { dir, remove } = await tempDir('explode');
  try {
    await mkdir(path.join(dir, 'pics'));
    await writeIdxFolder(path.join(dir, 'pics'), generateIdx(100, 50, 8, 8, 10, 1), false);
    await writeFile(
      path.join(dir, 'e.yaml'),
      `name: explode
seed: 1
data:
  pics: { source: idx, path: pics }
stages:
  ae:
    type: autoencoder
    input: pics
    latent: 4
    activation: linear
    output_activation: linear
    train: { epochs: 3, batch_size: 10, loss: mse, optimizer: { name: sgd, learning_rate: 100 } }
`,
    );
    const r = await runCli(['run', 'e.yaml', '--wasm-threads', '1'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const [run] = await runFolders(dir);
    const record = await readJson<{ status: string; stages: Record<string, { status: string; error?: string }> }>(
      path.join(run!, 'run.json'),
    );
    assert.equal(record.status, 'failed');
    assert.equal(record.stages.ae?.status, 'failed');
    assert.match(
      record.stages.ae?.error ?? '',
      /^ae: loss became (\S+ \(above 1e\+6: the weights blew up\)|Infinity|NaN) at epoch 1; the training diverged: try a lower learning rate/,
    );
    assert.doesNotMatch(r.stdout, /epoch 2\//, 'training stopped at the epoch that diverged');
  } finally {
    await remove();
  }
});
