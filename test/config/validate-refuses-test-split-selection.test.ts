import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';

const experiment = (data: string) => `name: select
seed: 1
data:
  digits: { source: mnist, train: 300, test: 100${data} }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
  cnn:
    type: classifier
    input: ae.reconstructions
    arch: dense
    train:
      epochs: 5
      early_stopping: { monitor: val_acc, patience: 1 }
`;

test('early stopping on a data set without a validation split is refused before training, with its reason', async () => {
  const { dir, file } = await writeExperiment(experiment(''));
  for (const command of ['validate', 'run']) {
    const r = await runCli([command, file], dir);
    assert.equal(r.code, 1, `${command}: ${r.stderr}`);
    assert.match(r.stderr, /early stopping of stage `cnn` selects on the test split/);
    assert.match(r.stderr, /data set `digits` \(which stage `cnn` trains on\) has no validation split/);
    assert.match(r.stderr, /inflates the reported test result/);
    assert.match(r.stderr, /= hold training images out for validation: `data\.digits\.validation: N`/);
  }
  assert.ok(!existsSync(path.join(dir, 'runs')), 'run trained or wrote something');
});

test('the same early stopping with a validation split validates', async () => {
  const { dir, file } = await writeExperiment(experiment(', validation: 100'));
  const r = await runCli(['validate', file], dir);
  assert.equal(r.code, 0, r.stderr);
});
