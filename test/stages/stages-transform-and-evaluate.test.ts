import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders, type TrialRecord } from '../support/runs.js';

const ROBUSTNESS = `name: robustness
seed: 5
data:
  digits: { source: mnist, train: 300, test: 100 }
stages:
  clf:
    type: classifier
    input: digits
    arch: dense
    dense: [32]
    train: { epochs: 3, batch_size: 50 }
  noisy:
    type: transform
    input: digits
    noise: { kind: salt_and_pepper, amount: 0.3 }
  dae:
    type: autoencoder
    input: digits
    variant: denoising
    latent: 32
    noise: { kind: salt_and_pepper, amount: 0.3 }
    train: { epochs: 2, batch_size: 50 }
  denoised:
    type: evaluate
    model: dae.model
    input: noisy.images
  clf_on_noisy:
    type: evaluate
    model: clf.model
    input: noisy.images
  clf_on_denoised:
    type: evaluate
    model: clf.model
    input: denoised.reconstructions
`;

test('a transform adds noise reproducibly, and evaluate applies trained models to other inputs', async () => {
  const { dir } = await writeExperiment(ROBUSTNESS, 'robustness.yaml');
  const result = await runCli(['run', 'robustness.yaml'], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const [run] = await runFolders(dir);
  const record = await readJson<TrialRecord>(path.join(run!, 'run.json'));
  for (const stage of Object.values(record.stages)) assert.equal(stage.status, 'finished');

  // salt and pepper on 30% of the pixels: about 0.3 * (mean distance to 0 or 1) per pixel.
  const change = record.stages.noisy!.metrics.mean_abs_change!;
  assert.ok(change > 0.05 && change < 0.3, `mean change ${change}`);
  for (const evaluation of ['clf_on_noisy', 'clf_on_denoised']) {
    const scores = await readJson<{ test_acc: number; confusion_matrix: number[][] }>(
      path.join(run!, 'stages', evaluation, 'evaluation.json'),
    );
    assert.equal(
      scores.confusion_matrix.flat().reduce((a, b) => a + b, 0),
      100,
      'scored on the 100 test digits',
    );
    assert.equal(scores.test_acc, record.stages[evaluation]!.metrics.test_acc);
  }
  assert.ok(record.stages.denoised!.metrics.mean_abs_change! > 0, 'the autoencoder changed the noisy images');
  // A denoiser is scored on noisy test inputs against clean targets, and on clean inputs too.
  const dae = record.stages.dae!.metrics;
  assert.ok(dae.test_loss! > 0 && dae.test_loss_clean! > 0 && dae.test_loss !== dae.test_loss_clean);
  const figure = await readFile(path.join(run!, 'stages', 'denoised', 'figure.png'));
  assert.ok(figure.length > 1000);

  // The same seed gives the same noise: a rerun without the cache reports the same change.
  const again = await runCli(['run', 'robustness.yaml', '--no-cache'], dir);
  assert.equal(again.code, 0, again.stderr);
  const second = (await runFolders(dir)).sort()[1]!;
  const rerun = await readJson<TrialRecord>(path.join(second, 'run.json'));
  assert.equal(rerun.stages.noisy!.metrics.mean_abs_change, change);
});
