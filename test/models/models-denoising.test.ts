import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { LayersAutoencoder } from '../../src/models/autoencoder.js';
import { buildAutoencoder, corrupt, reconstructionLoss, type NoiseSpec } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

async function corrupted(x: tf.Tensor, noise: NoiseSpec, seed: number): Promise<Float32Array> {
  const t = tf.tidy(() => corrupt(x, noise, seed));
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

test('each kind of corruption is reproducible from its seed and changes about the asked amount', async () => {
  const x = tf.fill([50, 784], 0.5);
  try {
    for (const noise of [
      { kind: 'gaussian', amount: 0.2 },
      { kind: 'masking', amount: 0.3 },
      { kind: 'salt_and_pepper', amount: 0.1 },
    ] as NoiseSpec[]) {
      const a = await corrupted(x, noise, 5);
      assert.deepEqual(a, await corrupted(x, noise, 5), `${noise.kind}: same seed, same noise`);
      assert.notDeepEqual(a, await corrupted(x, noise, 6), `${noise.kind}: another seed, other noise`);
      assert.ok(
        a.every((v) => v >= 0 && v <= 1),
        `${noise.kind}: stays in [0, 1]`,
      );
      if (noise.kind === 'gaussian') {
        const std = Math.sqrt(a.reduce((s, v) => s + (v - 0.5) ** 2, 0) / a.length);
        assert.ok(Math.abs(std - 0.2) < 0.01, `gaussian std ${std}`);
      } else if (noise.kind === 'masking') {
        const dropped = a.filter((v) => v === 0).length / a.length;
        assert.ok(Math.abs(dropped - 0.3) < 0.01, `masked fraction ${dropped}`);
      } else {
        const zeros = a.filter((v) => v === 0).length / a.length;
        const ones = a.filter((v) => v === 1).length / a.length;
        assert.ok(Math.abs(zeros - 0.05) < 0.01 && Math.abs(ones - 0.05) < 0.01, `pepper ${zeros}, salt ${ones}`);
      }
    }
  } finally {
    x.dispose();
  }
});

test('a denoising autoencoder trains on corrupted inputs against clean targets and its loss falls', async () => {
  const ae = buildAutoencoder(
    {
      variant: 'denoising',
      latent: 32,
      hidden: [],
      activation: 'relu',
      output_activation: 'sigmoid',
      noise: { kind: 'gaussian', amount: 0.3 },
    },
    [28, 28, 1],
    2,
  );
  try {
    const val = digits(10, 500);
    const before = await ae.evaluate(val, 'binary_crossentropy');
    const logs = await ae.train(digits(30), val, trainSpec({ epochs: 2, batch_size: 16 }), 3);
    assert.ok(logs[1]!.metrics.loss! < logs[0]!.metrics.loss!);
    const after = await ae.evaluate(val, 'binary_crossentropy');
    assert.ok(after < before - 0.1, `clean reconstruction loss ${before} -> ${after}`);
  } finally {
    ae.dispose();
  }
});

test('the denoising objective feeds the corrupted batch to the encoder and scores against the clean batch', async () => {
  const noise: NoiseSpec = { kind: 'salt_and_pepper', amount: 0.2 };
  const ae = buildAutoencoder(
    { variant: 'denoising', latent: 8, hidden: [], activation: 'relu', output_activation: 'sigmoid', noise },
    [28, 28, 1],
    2,
  ) as LayersAutoencoder;
  const x = tf.tensor2d(digits(2).x, [20, 784]);
  try {
    const [fromObjective, byHand, fromClean] = tf
      .tidy(() => {
        const r = ae.objective(x, 77, false, 'binary_crossentropy');
        const run = (input: tf.Tensor) =>
          reconstructionLoss('binary_crossentropy', x, ae.decoder.apply(ae.encoder.apply(input)) as tf.Tensor);
        return [r.extras.reconstruction!, run(corrupt(x, noise, 77)), run(x)];
      })
      .map((t) => {
        const v = t.dataSync()[0]!;
        t.dispose();
        return v;
      });
    assert.ok(
      Math.abs(fromObjective! - byHand!) < 1e-6,
      `objective ${fromObjective}, corrupted input by hand ${byHand}`,
    );
    assert.ok(Math.abs(fromObjective! - fromClean!) > 1e-4, 'the input really was corrupted');
  } finally {
    x.dispose();
    ae.dispose();
  }
});
