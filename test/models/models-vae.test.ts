import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildAutoencoder, gaussianKl, isVariational, normalQuantile } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('the KL term equals -0.5 * sum(1 + logvar - mean^2 - exp(logvar)) on known values', async () => {
  const mean = tf.tensor2d([
    [0, 0],
    [1, -2],
    [0.5, 0],
  ]);
  const logVar = tf.tensor2d([
    [0, 0],
    [0, 0],
    [Math.log(4), -1],
  ]);
  const kl = gaussianKl(mean, logVar);
  const got = Array.from(await kl.data());
  tf.dispose([mean, logVar, kl]);
  const expected = [
    0, // the prior itself
    0.5 * (1 + 4), // unit variance: half the squared distance
    -0.5 * (1 + Math.log(4) - 0.25 - 4) + -0.5 * (1 - 1 - 0 - Math.exp(-1)),
  ];
  got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-5, `sample ${i}: ${v} vs ${expected[i]}`));
});

test('the normal quantile function inverts the standard normal CDF', () => {
  assert.equal(normalQuantile(0.5), 0);
  assert.ok(Math.abs(normalQuantile(0.95) - 1.6448536) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.05) + 1.6448536) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.0902323) < 1e-6);
});

test('a variational autoencoder trains, logs kl and reconstruction, samples from the prior and decodes a latent grid', async () => {
  const ae = buildAutoencoder(
    { variant: 'variational', latent: 2, hidden: [64], activation: 'relu', output_activation: 'sigmoid', kl_weight: 1 },
    [28, 28, 1],
    6,
  );
  try {
    assert.ok(isVariational(ae));
    assert.deepEqual(ae.codeShape, [2]);
    const val = digits(10, 500);
    const before = await ae.evaluate(val, 'binary_crossentropy');
    const logs = await ae.train(digits(30), val, trainSpec({ epochs: 2, batch_size: 16 }), 6);
    for (const l of logs) {
      const m = l.metrics;
      assert.ok(m.kl! >= 0 && Number.isFinite(m.val_kl) && Number.isFinite(m.val_reconstruction));
      // loss is the per-pixel ELBO: reconstruction per pixel plus the KL spread over the 784 pixels.
      assert.ok(Math.abs(m.loss! - (m.reconstruction! + m.kl! / 784)) < 1e-5);
    }
    assert.ok(logs[1]!.metrics.loss! < logs[0]!.metrics.loss!);
    assert.ok((await ae.evaluate(val, 'binary_crossentropy')) < before - 0.1);

    const codes = await ae.encode(val);
    assert.deepEqual(codes.shape, [2]);
    const enc2 = await ae.encode(val);
    assert.deepEqual(codes.x, enc2.x, 'codes are the deterministic means');

    const s = await ae.sample(5, 1);
    assert.deepEqual([s.n, s.shape, s.x.length], [5, [28, 28, 1], 5 * 784]);
    assert.deepEqual(s.x, (await ae.sample(5, 1)).x, 'same seed, same samples');
    const grid = await ae.decodeGrid(3);
    assert.deepEqual([grid.n, grid.shape, grid.x.length], [9, [28, 28, 1], 9 * 784]);
    assert.ok(grid.x.every((v) => v >= 0 && v <= 1));
  } finally {
    ae.dispose();
  }
});

test('decodeGrid refuses a latent space that is not 2-d, and other variants are not variational', async () => {
  const vae = buildAutoencoder(
    { variant: 'variational', latent: 3, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
  );
  const ae = buildAutoencoder(
    { variant: 'undercomplete', latent: 3, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
  );
  try {
    assert.ok(isVariational(vae));
    assert.ok(!isVariational(ae));
    if (isVariational(vae)) await assert.rejects(vae.decodeGrid(3), /2-d latent/);
  } finally {
    vae.dispose();
    ae.dispose();
  }
});
