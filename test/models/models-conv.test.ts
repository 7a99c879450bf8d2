import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LayersAutoencoder } from '../../src/models/autoencoder.js';
import { buildAutoencoder, type AutoencoderSpec } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

const spec: AutoencoderSpec = {
  variant: 'convolutional',
  latent: 8,
  hidden: [],
  activation: 'relu',
  output_activation: 'sigmoid',
};

test('the convolutional autoencoder is the Keras blog 16-8-8 design with a 4x4x8 code on 28x28 digits', () => {
  const ae = buildAutoencoder(spec, [28, 28, 1]) as LayersAutoencoder;
  try {
    assert.deepEqual(ae.inputShape, [28, 28, 1]);
    assert.deepEqual(ae.codeShape, [4, 4, 8]);
    const summary = (m: LayersAutoencoder['encoder']): string[] =>
      m.layers.map((l) => `${l.getClassName()}:${(l.outputShape as number[]).slice(1).join('x')}`);
    assert.deepEqual(summary(ae.encoder), [
      'Conv2D:28x28x16',
      'MaxPooling2D:14x14x16',
      'Conv2D:14x14x8',
      'MaxPooling2D:7x7x8',
      'Conv2D:7x7x8',
      'MaxPooling2D:4x4x8',
    ]);
    assert.deepEqual(summary(ae.decoder), [
      'Conv2D:4x4x8',
      'UpSampling2D:8x8x8',
      'Conv2D:8x8x8',
      'UpSampling2D:16x16x8',
      'Conv2D:14x14x16',
      'UpSampling2D:28x28x16',
      'Conv2D:28x28x1',
      'Activation:28x28x1',
    ]);
  } finally {
    ae.dispose();
  }
});

test('the convolutional decoder gives back the input size for images that are not 28x28', () => {
  for (const shape of [
    [32, 32, 1],
    [20, 24, 3],
    [9, 9, 1],
  ] as [number, number, number][]) {
    const ae = buildAutoencoder({ ...spec, filters: [4, 4] }, shape) as LayersAutoencoder;
    try {
      assert.deepEqual(ae.decoder.outputs[0]!.shape.slice(1), shape);
      assert.deepEqual(ae.codeShape, [Math.ceil(shape[0] / 4), Math.ceil(shape[1] / 4), 8]);
    } finally {
      ae.dispose();
    }
  }
});

test('a convolutional autoencoder trains on a few digits, its loss falls and codes are image-shaped', async () => {
  // Conv gradients on the pure-JS backend are slow: a small model, few images.
  const ae = buildAutoencoder({ ...spec, filters: [8, 4], latent: 4 }, [28, 28, 1], 8);
  try {
    const train = digits(2); // 20 images
    const before = await ae.evaluate(train, 'binary_crossentropy');
    const logs = await ae.train(
      train,
      undefined,
      trainSpec({ epochs: 2, batch_size: 10, optimizer: { name: 'adam', learning_rate: 0.01 } }),
      8,
    );
    assert.ok(logs[1]!.metrics.loss! < logs[0]!.metrics.loss!, logs.map((l) => l.metrics.loss).join(' -> '));
    assert.equal(logs[0]!.metrics.val_loss, undefined, 'no validation set, no val_loss');
    assert.ok((await ae.evaluate(train, 'binary_crossentropy')) < before);
    const codes = await ae.encode(digits(1));
    assert.deepEqual([codes.n, codes.shape], [10, [7, 7, 4]]);
  } finally {
    ae.dispose();
  }
});
