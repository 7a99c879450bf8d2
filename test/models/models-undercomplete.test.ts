import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildAutoencoder } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('an undercomplete dense autoencoder learns to reconstruct real digits within two short epochs', async () => {
  const train = digits(30); // 300 images
  const val = digits(10, 500);
  const ae = buildAutoencoder(
    { variant: 'undercomplete', latent: 32, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
    [28, 28, 1],
    1,
  );
  try {
    assert.deepEqual(ae.inputShape, [784]);
    assert.deepEqual(ae.codeShape, [32]);
    const before = await ae.evaluate(val, 'binary_crossentropy');
    const batches: number[] = [];
    const logs = await ae.train(train, val, trainSpec({ epochs: 2, batch_size: 16 }), 7, {
      onBatch: (_e, b) => batches.push(b),
    });
    assert.equal(logs.length, 2);
    assert.equal(batches.length, 2 * Math.ceil(300 / 16));
    const last = logs[1]!.metrics;
    assert.ok(last.loss! < logs[0]!.metrics.loss!, `train loss should fall: ${logs.map((l) => l.metrics.loss)}`);
    assert.ok(last.val_loss! < before - 0.1, `val_loss ${last.val_loss} should be well below the untrained ${before}`);
    const after = await ae.evaluate(val, 'binary_crossentropy');
    assert.ok(Math.abs(after - last.val_loss!) < 1e-5, 'evaluate agrees with the last val_loss');
    const codes = await ae.encode(val);
    assert.deepEqual([codes.n, codes.shape, codes.x.length], [100, [32], 3200]);
    const rec = await ae.reconstruct(val);
    assert.deepEqual([rec.n, rec.shape, rec.x.length], [100, [28, 28, 1], 78400]);
    assert.ok(
      rec.x.every((v) => v >= 0 && v <= 1),
      'sigmoid outputs are pixels',
    );
  } finally {
    ae.dispose();
  }
});
