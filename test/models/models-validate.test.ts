import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildAutoencoder,
  convChannels,
  validateAutoencoderSpec,
  type AutoencoderSpec,
} from '../../src/models/index.js';

const base: AutoencoderSpec = {
  variant: 'undercomplete',
  latent: 32,
  hidden: [],
  activation: 'relu',
  output_activation: 'sigmoid',
};

test('autoencoder specs that cannot be built are reported as problems, all at once', () => {
  assert.deepEqual(validateAutoencoderSpec(base, [28, 28, 1]), []);
  const problems = validateAutoencoderSpec({ ...base, latent: 0, hidden: [64, -1] }, [28, 28]);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(
    validateAutoencoderSpec({ ...base, variant: 'contractive', hidden: [64] }, [28, 28, 1]).join(),
    /one dense encoder layer/,
  );
  assert.match(
    validateAutoencoderSpec(
      { ...base, variant: 'sparse', sparsity: { kind: 'kl', rho: 0.05, beta: 1 } },
      [28, 28, 1],
    ).join(),
    /sigmoid/,
  );
  assert.match(
    validateAutoencoderSpec(
      { ...base, variant: 'sparse', activation: 'sigmoid', sparsity: { kind: 'kl', rho: 1, beta: 1 } },
      [28, 28, 1],
    ).join(),
    /rho/,
  );
  assert.match(
    validateAutoencoderSpec(
      { ...base, variant: 'denoising', noise: { kind: 'masking', amount: 1.5 } },
      [28, 28, 1],
    ).join(),
    /at most 1/,
  );
  assert.throws(
    () => buildAutoencoder({ ...base, variant: 'contractive', hidden: [64] }, [28, 28, 1]),
    /invalid autoencoder spec/,
  );
});

test('the convolutional encoder uses the filters with the innermost replaced by latent', () => {
  assert.deepEqual(convChannels({ ...base, variant: 'convolutional', latent: 8 }), [16, 8, 8]);
  assert.deepEqual(convChannels({ ...base, variant: 'convolutional', latent: 4, filters: [32, 16] }), [32, 4]);
});
