import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { LayersAutoencoder } from '../../src/models/autoencoder.js';
import { buildAutoencoder, type Activation } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

const act: Record<string, (a: number) => number> = {
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  relu: (a) => Math.max(0, a),
  tanh: Math.tanh,
};

/** ||J||_F^2 by central finite differences in double precision, from the layer's own weights. */
function numericalJacobianNorm(x: number[][], w: number[][], b: number[], f: (a: number) => number): number {
  const h = (v: number[]): number[] => b.map((bj, j) => f(v.reduce((s, vi, i) => s + vi * w[i]![j]!, bj)));
  const eps = 1e-6;
  let total = 0;
  for (const sample of x) {
    for (let i = 0; i < sample.length; i++) {
      const up = sample.slice();
      const down = sample.slice();
      up[i]! += eps;
      down[i]! -= eps;
      const hu = h(up);
      const hd = h(down);
      for (let j = 0; j < b.length; j++) total += ((hu[j]! - hd[j]!) / (2 * eps)) ** 2;
    }
  }
  return total / x.length;
}

for (const activation of ['sigmoid', 'relu', 'tanh'] as Activation[]) {
  test(`the contractive penalty of a ${activation} encoder equals the squared Frobenius norm of a numerical Jacobian`, async () => {
    // A tiny encoder: 6 inputs (a 2x3x1 "image") to 4 code units.
    const ae = buildAutoencoder(
      {
        variant: 'contractive',
        latent: 4,
        hidden: [],
        activation,
        output_activation: 'sigmoid',
        contractive_weight: 0.1,
      },
      [2, 3, 1],
      9,
    ) as LayersAutoencoder;
    // Random weights and a random bias, so that relu units are both on and off.
    const weights = [tf.randomNormal([6, 4], 0, 1, 'float32', 1), tf.randomNormal([4], 0, 1, 'float32', 2)];
    ae.encoder.layers[0]!.setWeights(weights);
    tf.dispose(weights);
    const xs = tf.randomUniform([5, 6], 0, 1, 'float32', 3);
    try {
      const penalty = tf.tidy(() => ae.contractivePenalty(xs));
      const closed = (await penalty.data())[0]!;
      penalty.dispose();
      const [w, b] = ae.encoder.layers[0]!.getWeights().map((t) => t.arraySync());
      const numerical = numericalJacobianNorm(
        xs.arraySync() as number[][],
        w as number[][],
        b as number[],
        act[activation]!,
      );
      assert.ok(numerical > 0.1, 'a non-trivial Jacobian');
      assert.ok(Math.abs(closed - numerical) < 1e-4 * numerical, `closed form ${closed}, numerical ${numerical}`);
    } finally {
      xs.dispose();
      ae.dispose();
    }
  });
}

test('a contractive autoencoder logs its penalty and its reconstruction loss falls', async () => {
  const ae = buildAutoencoder(
    {
      variant: 'contractive',
      latent: 32,
      hidden: [],
      activation: 'sigmoid',
      output_activation: 'sigmoid',
      contractive_weight: 1e-3,
    },
    [28, 28, 1],
    4,
  );
  try {
    const val = digits(10, 500);
    const before = await ae.evaluate(val, 'binary_crossentropy');
    const logs = await ae.train(digits(30), val, trainSpec({ epochs: 2, batch_size: 16 }), 4);
    for (const l of logs) assert.ok(l.metrics.contractive_penalty! > 0 && l.metrics.loss! > l.metrics.reconstruction!);
    assert.ok(logs[1]!.metrics.loss! < logs[0]!.metrics.loss!);
    assert.ok((await ae.evaluate(val, 'binary_crossentropy')) < before - 0.05);
  } finally {
    ae.dispose();
  }
});
