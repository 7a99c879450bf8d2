/** Keras' binary accuracy on pixels: the seed's `metrics=['accuracy']` beside an autoencoder's loss. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { binaryAccuracy } from '../../src/models/losses.js';
import { buildAutoencoder } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('binary accuracy counts values whose target equals the output thresholded at 0.5, as Keras does', () => {
  const target = tf.tensor2d([
    [0, 1, 0.5, 1],
    [0, 0, 1, 0.2],
  ]);
  const output = tf.tensor2d([
    [0.2, 0.7, 0.9, 0.4],
    [0.6, 0.1, 0.5, 0.1],
  ]);
  // Row 1: 0<->0 right, 1<->1 right, 0.5 never equals 0 or 1, 1<->0 wrong. Row 2: wrong, right,
  // 0.5 is not above 0.5 so 0 (wrong), 0.2 never matches. 3 of 8.
  assert.equal(binaryAccuracy(target, output).dataSync()[0], 3 / 8);
  // From logits it is the same: sigmoid(z) > 0.5 exactly when z > 0.
  const logits = tf.log(tf.div(output, tf.sub(1, output)));
  assert.equal(binaryAccuracy(target, { logits, activation: 'sigmoid' }).dataSync()[0], 3 / 8);
  tf.dispose([target, output, logits]);
});

test('an autoencoder asked for binary_accuracy logs it each epoch on the training and the test split', async () => {
  const ae = buildAutoencoder(
    {
      variant: 'undercomplete',
      latent: 16,
      hidden: [],
      activation: 'relu',
      output_activation: 'sigmoid',
      metrics: ['binary_accuracy'],
    },
    [28, 28, 1],
    1,
  );
  const plain = buildAutoencoder(
    { variant: 'undercomplete', latent: 16, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
    1,
  );
  try {
    const logs = await ae.train(digits(10), digits(5, 100), trainSpec({ epochs: 2, batch_size: 20 }), 3);
    for (const { metrics } of logs) {
      for (const k of ['binary_accuracy', 'val_binary_accuracy'])
        assert.ok(metrics[k]! > 0 && metrics[k]! < 1, `${k} = ${metrics[k]}`);
    }
    const without = await plain.train(digits(10), digits(5, 100), trainSpec({ epochs: 1, batch_size: 20 }), 3);
    assert.equal(without[0]!.metrics.binary_accuracy, undefined, 'only when asked for');
  } finally {
    ae.dispose();
    plain.dispose();
  }
});
