import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildAutoencoder, type AutoencoderSpec } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

async function meanActivation(
  sparsity: AutoencoderSpec['sparsity'],
  activation: AutoencoderSpec['activation'],
): Promise<number[]> {
  const ae = buildAutoencoder(
    { variant: 'sparse', latent: 32, hidden: [], activation, output_activation: 'sigmoid', sparsity },
    [28, 28, 1],
    1,
  );
  try {
    const logs = await ae.train(digits(20), digits(5, 500), trainSpec({ epochs: 2, batch_size: 20 }), 1);
    for (const l of logs) {
      for (const k of [
        'loss',
        'reconstruction',
        'sparsity_penalty',
        'mean_code_activation',
        'val_loss',
        'val_mean_code_activation',
      ]) {
        assert.ok(Number.isFinite(l.metrics[k]), `epoch ${l.epoch} logs ${k}`);
      }
      assert.ok(l.metrics.loss! >= l.metrics.reconstruction!, 'the penalty is part of the loss');
    }
    return logs.map((l) => l.metrics.mean_code_activation!);
  } finally {
    ae.dispose();
  }
}

test('a sparse autoencoder logs its mean code activation, which a stronger L1 penalty pushes down', async () => {
  const weak = await meanActivation({ kind: 'l1', weight: 0 }, 'relu');
  const strong = await meanActivation({ kind: 'l1', weight: 0.05 }, 'relu');
  assert.ok(strong[1]! < weak[1]! / 2, `mean code activation with L1 ${strong[1]} vs without ${weak[1]}`);
});

test('a KL sparsity target pulls the mean activation of sigmoid codes towards rho', async () => {
  const free = await meanActivation({ kind: 'kl', rho: 0.05, beta: 0 }, 'sigmoid');
  const pulled = await meanActivation({ kind: 'kl', rho: 0.05, beta: 1 }, 'sigmoid');
  assert.ok(
    Math.abs(pulled[1]! - 0.05) < Math.abs(free[1]! - 0.05) / 2,
    `with beta 1: ${pulled[1]}, with beta 0: ${free[1]}`,
  );
});
