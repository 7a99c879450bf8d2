import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { LayersAutoencoder } from '../../src/models/autoencoder.js';
import type { LayersClassifier } from '../../src/models/classifier.js';
import { buildAutoencoder, buildClassifier, reconstructionLoss } from '../../src/models/index.js';
import { categoricalCrossentropy, sigmoidCrossEntropyWithLogits } from '../../src/models/losses.js';
import { applyForLoss, outputOf } from '../../src/models/output-head.js';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';
import { digits, trainSpec } from '../support/models-fixtures.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

for (const backend of ['cpu', 'wasm'] as const) {
  test(`on ${backend}, binary cross-entropy from logits is -(t log p + (1-t) log(1-p)) of p = sigmoid(z), finite at |z| = 100, with gradient (sigmoid(z) - t) / n`, async () => {
    const z = [-3, -0.5, 0, 0.25, 2, 100, -100, 7];
    const t = [0, 1, 0.5, 0.25, 1, 0, 1, 1];
    const [loss, grad] = await onBackend(backend, () => {
      const zt = tf.tensor1d(z);
      // The target is made inside the differentiated function, as a training step gathers its batch.
      const f = (logits: tf.Tensor) => tf.mean(sigmoidCrossEntropyWithLogits(tf.tensor1d(t), logits)) as tf.Scalar;
      return [f(zt), tf.grad(f)(zt)];
    });
    const expected = z.map((zi, i) => {
      const ti = t[i]!;
      // log(1 + e^-|z|) + max(z, 0) - z t, the same value without overflow.
      return Math.log1p(Math.exp(-Math.abs(zi))) + Math.max(zi, 0) - zi * ti;
    });
    const mean = expected.reduce((a, b) => a + b) / z.length;
    assert.ok(Math.abs(loss![0]! - mean) / mean < 1e-5, `${loss![0]} vs ${mean}`);
    // Against the probability form where it is finite.
    const p = sigmoid(0.25);
    assert.ok(Math.abs(expected[3]! - -(0.25 * Math.log(p) + 0.75 * Math.log(1 - p))) < 1e-12);
    const expectedGrad = z.map((zi, i) => (sigmoid(zi) - t[i]!) / z.length);
    assert.ok(relativeError(grad!, Float32Array.from(expectedGrad)) < 1e-5, `${Array.from(grad!)} vs ${expectedGrad}`);
  });
}

test('categorical cross-entropy from softmax logits equals that of the softmax probabilities', async () => {
  const [fromLogits, fromProbs] = await onBackend('cpu', () => {
    const logits = tf.tensor2d(seededValues(40, 3), [4, 10]).mul(3) as tf.Tensor2D;
    const oneHot = tf.oneHot(tf.tensor1d([3, 0, 9, 5], 'int32'), 10).toFloat() as tf.Tensor2D;
    return [
      categoricalCrossentropy(oneHot, { logits, activation: 'softmax' }),
      categoricalCrossentropy(oneHot, tf.softmax(logits)),
    ];
  });
  assert.ok(Math.abs(fromLogits![0]! - fromProbs![0]!) < 1e-5, `${fromLogits![0]} vs ${fromProbs![0]}`);
});

test('decoders and classifiers end in their output activation as a layer, so training takes logits and inference still gives probabilities', async () => {
  await tf.setBackend('cpu');
  const ae = buildAutoencoder(
    { variant: 'undercomplete', latent: 8, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
    1,
  ) as LayersAutoencoder;
  const conv = buildAutoencoder(
    {
      variant: 'convolutional',
      latent: 4,
      hidden: [],
      activation: 'relu',
      output_activation: 'sigmoid',
      filters: [4, 4],
    },
    [28, 28, 1],
    1,
  ) as LayersAutoencoder;
  const clf = buildClassifier(
    { arch: 'dense', filters: [], dense: [16], dropout: 0 },
    [784],
    10,
    1,
  ) as LayersClassifier;
  try {
    for (const [model, input, activation] of [
      [ae.decoder, tf.randomUniform([3, 8]), 'sigmoid'],
      [conv.decoder, tf.randomUniform([3, 7, 7, 4]), 'sigmoid'],
      [clf.model, tf.randomUniform([3, 784]), 'softmax'],
    ] as const) {
      const out = applyForLoss(model, input, false);
      assert.ok('logits' in out && out.activation === activation, `${model.name} gives logits for a ${activation}`);
      const viaLogits = outputOf(out).dataSync();
      const direct = (model.apply(input, { training: false }) as tf.Tensor).dataSync();
      assert.ok(relativeError(Float32Array.from(viaLogits), Float32Array.from(direct)) < 1e-6);
    }
    // A linear reconstruction has no logits: the loss takes the outputs as they are.
    const linear = buildAutoencoder(
      { variant: 'undercomplete', latent: 8, hidden: [], activation: 'relu', output_activation: 'linear' },
      [28, 28, 1],
      1,
    ) as LayersAutoencoder;
    assert.ok('output' in applyForLoss(linear.decoder, tf.randomUniform([2, 8]), false));
    linear.dispose();
  } finally {
    ae.dispose();
    conv.dispose();
    clf.dispose();
  }
});

test('a decoder saved with the sigmoid inside its last Dense layer (before the split) still trains and evaluates', async () => {
  await tf.setBackend('cpu');
  const ae = buildAutoencoder(
    { variant: 'undercomplete', latent: 8, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
    1,
  ) as LayersAutoencoder;
  // Rebuild the decoder the old way: Dense(784, sigmoid), no Activation layer.
  const old = tf.sequential({ name: 'decoder' });
  old.add(tf.layers.dense({ units: 784, activation: 'sigmoid', inputShape: [8] }));
  ae.decoder.dispose();
  const legacy = new LayersAutoencoder(
    ae.spec,
    ae.imageShape,
    ae.inputShape,
    ae.codeShape,
    ae.encoder,
    old,
    ae.settings,
  );
  try {
    assert.ok('output' in applyForLoss(old, tf.zeros([1, 8]), false));
    const data = digits(3, 0, [784]);
    const logs = await legacy.train(data, undefined, trainSpec({ epochs: 2, batch_size: 10 }), 1);
    assert.ok(logs.every((l) => Number.isFinite(l.metrics.loss)));
    // Both routes to the loss agree on the same predictions.
    const x = tf.tensor2d(data.x, [data.n, 784]);
    const pred = old.apply(legacy.encoder.apply(x), { training: false }) as tf.Tensor;
    const viaProbs = reconstructionLoss('binary_crossentropy', x, pred).dataSync()[0]!;
    const evaluated = await legacy.evaluate(data, 'binary_crossentropy');
    assert.ok(Math.abs(viaProbs - evaluated) < 1e-5, `${viaProbs} vs ${evaluated}`);
  } finally {
    legacy.dispose();
  }
});
