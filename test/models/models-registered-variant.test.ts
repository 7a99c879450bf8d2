import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { buildAutoencoder, loadAutoencoder, registerVariant } from '../../src/models/index.js';
import { autoencoder } from '../../src/stages/autoencoder/definition.js';
import { autoencoderSpec } from '../../src/stages/autoencoder/spec.js';
import type { AutoencoderStageConfig } from '../../src/types/experiment-config.js';
import type { Json } from '../../src/util/json.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';
import { SPARSE_CONV, sparseConvolutional } from './models-variant-fixture.js';

before(async () => {
  registerVariant(sparseConvolutional);
  await useCpu();
});

const stage = {
  type: 'autoencoder',
  input: 'mnist',
  variant: SPARSE_CONV,
  latent: 4,
  filters: [8, 4],
  activation: 'relu',
  output_activation: 'sigmoid',
  train: { epochs: 1, batch_size: 32, optimizer: { name: 'adam' }, loss: 'binary_crossentropy', shuffle: true },
} as unknown as AutoencoderStageConfig;
const mnist = { shape: [28, 28, 1], dataset: 'mnist' };

test('a variant registered in the table gets its code shape, memory estimate and checks from the table', () => {
  const json = stage as unknown as Json;
  assert.deepEqual(
    autoencoder.outputFlow?.(json, 'codes', () => mnist),
    { shape: [7, 7, 4], dataset: 'mnist' },
  );
  const net = autoencoder.net?.(json, [28, 28, 1]);
  assert.ok(net && net.params > 0 && net.outputValues === 784 + 7 * 7 * 4, JSON.stringify(net));
  assert.deepEqual(autoencoder.check?.(json, mnist), []);
  const wrong = { ...json, noise: { amount: 0.3 }, sparsity: { kind: 'kl', rho: 0.05, beta: 1 } } as Json;
  assert.deepEqual(
    autoencoder.check?.(wrong, mnist).map((c) => `${c.severity} ${c.key}`),
    ['error sparsity', 'warning noise'],
  );
  const flat = autoencoder.check?.(json, { shape: [784], dataset: 'mnist' }) ?? [];
  assert.match(flat.map((c) => c.message).join(), /needs images/);
});

test('a registered variant fills its defaults once, trains for an epoch on 300 digits and reloads', async () => {
  const spec = autoencoderSpec({ ...stage, filters: undefined });
  assert.deepEqual(spec.filters, [16, 8, 8]);
  assert.deepEqual(spec.sparsity, { kind: 'l1', weight: 1e-3 });
  assert.match(autoencoder.describe(stage), /sparse_convolutional autoencoder, latent 4, filters 8-4/);
  assert.match(autoencoder.planLabel(stage), /sparse_convolutional, latent 4/);
  assert.deepEqual(autoencoder.asTrained?.(stage).sparsity, { kind: 'l1', weight: 1e-3 });
  const ae = buildAutoencoder(autoencoderSpec(stage), [28, 28, 1], 1);
  const dir = await mkdtemp(join(tmpdir(), 'aelab-variant-'));
  try {
    assert.deepEqual(ae.codeShape, [7, 7, 4]);
    const logs = await ae.train(digits(30), digits(5, 500), trainSpec({ epochs: 1 }), 1);
    const m = logs[0]!.metrics;
    assert.ok(Number.isFinite(m.val_loss) && Number.isFinite(m.sparsity_penalty), JSON.stringify(m));
    assert.ok(m.loss! > m.reconstruction!, 'the sparsity penalty is part of the loss');
    await ae.save(dir);
    const back = await loadAutoencoder(dir);
    assert.ok(back.ok, back.ok ? '' : back.error);
    assert.equal(back.value.spec.variant, SPARSE_CONV);
    assert.deepEqual(back.value.codeShape, [7, 7, 4]);
    back.value.dispose();
  } finally {
    ae.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
