import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LayersAutoencoder } from '../../src/models/autoencoder.js';
import { buildAutoencoder } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('a deep autoencoder stacks 128-64-latent by default, mirrors it in the decoder, and its loss falls', async () => {
  const ae = buildAutoencoder(
    { variant: 'deep', latent: 32, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
    5,
  ) as LayersAutoencoder;
  try {
    const units = (m: LayersAutoencoder['encoder']): number[] =>
      m.layers.filter((l) => l.getClassName() === 'Dense').map((l) => (l.outputShape as number[])[1]!);
    assert.deepEqual(units(ae.encoder), [128, 64, 32]);
    assert.deepEqual(units(ae.decoder), [64, 128, 784]);
    const val = digits(10, 500);
    const before = await ae.evaluate(val, 'binary_crossentropy');
    const logs = await ae.train(digits(30), val, trainSpec({ epochs: 2, batch_size: 16 }), 5);
    assert.ok(logs[1]!.metrics.loss! < logs[0]!.metrics.loss!);
    assert.ok(logs[1]!.metrics.val_loss! < before - 0.1, `${before} -> ${logs[1]!.metrics.val_loss}`);
  } finally {
    ae.dispose();
  }
});
