import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  AUTOENCODER_DEFAULTS,
  buildAutoencoder,
  buildClassifier,
  isVariational,
  loadAutoencoder,
  type AutoencoderVariant,
} from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('training, encoding, evaluating, saving, loading and disposing leave no tensors behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aelab-leaks-'));
  const baseline = tf.memory().numTensors;
  try {
    const variants: AutoencoderVariant[] = [
      'undercomplete',
      'denoising',
      'sparse',
      'deep',
      'contractive',
      'convolutional',
      'variational',
    ];
    for (const variant of variants) {
      const small = variant === 'convolutional' ? { filters: [2, 2] } : variant === 'deep' ? { hidden: [8, 8] } : {};
      const ae = buildAutoencoder(
        { variant, latent: 2, hidden: [], activation: 'sigmoid', output_activation: 'sigmoid', ...small },
        [28, 28, 1],
        1,
      );
      const x = digits(1);
      await ae.train(x, x, trainSpec({ epochs: 1, batch_size: 4 }), 1);
      await ae.encode(x);
      await ae.reconstruct(x);
      await ae.evaluate(x, 'mse');
      if (isVariational(ae)) {
        await ae.sample(3, 1);
        await ae.decodeGrid(2);
      }
      await ae.save(join(dir, variant));
      ae.dispose();
      const back = await loadAutoencoder(join(dir, variant));
      assert.ok(back.ok);
      await back.value.encode(x);
      back.value.dispose();
      assert.equal(tf.memory().numTensors, baseline, `${variant} leaked ${tf.memory().numTensors - baseline} tensors`);
    }
    const clf = buildClassifier({ arch: 'dense', filters: [], dense: [8], dropout: 0.5 }, [28, 28, 1], 10);
    const x = digits(1);
    await clf.train(x, x, trainSpec({ batch_size: 4 }), 1);
    await clf.predict(x);
    await clf.evaluate(x);
    clf.dispose();
    assert.equal(tf.memory().numTensors, baseline, 'classifier leaked');
    assert.ok(AUTOENCODER_DEFAULTS.noise.amount > 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
