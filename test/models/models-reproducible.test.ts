import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildAutoencoder, type AutoencoderSpec } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';
import type { PixelValues } from '../../src/types/samples.js';

before(useCpu);

const spec: AutoencoderSpec = {
  variant: 'denoising',
  latent: 8,
  hidden: [],
  activation: 'relu',
  output_activation: 'sigmoid',
  noise: { kind: 'masking', amount: 0.3 },
};

async function run(buildSeed: number, trainSeed: number): Promise<{ losses: number[]; code: PixelValues }> {
  const ae = buildAutoencoder(spec, [28, 28, 1], buildSeed);
  try {
    const logs = await ae.train(digits(10), digits(3, 100), trainSpec({ epochs: 2, batch_size: 20 }), trainSeed);
    const code = (await ae.encode(digits(1, 200))).x;
    return { losses: logs.flatMap((l) => [l.metrics.loss!, l.metrics.val_loss!]), code };
  } finally {
    ae.dispose();
  }
}

test('the same seeds give the same weights, shuffling, noise and therefore the same training run', async () => {
  const a = await run(3, 11);
  const b = await run(3, 11);
  assert.deepEqual(a.losses, b.losses);
  assert.deepEqual(a.code, b.code);
  const c = await run(3, 12);
  assert.notDeepEqual(a.losses, c.losses, 'another training seed shuffles and corrupts differently');
  const d = await run(4, 11);
  assert.notDeepEqual(a.losses, d.losses, 'another build seed initialises differently');
});
