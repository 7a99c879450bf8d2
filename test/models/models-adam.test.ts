import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeOptimizer } from '../../src/models/optimizers.js';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';

/** Keras' Adam in float64, step by step, for one flat list of weights and gradients. */
function kerasAdam(w: number[], gradsPerStep: number[][], lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-7): number[] {
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  const out = [...w];
  gradsPerStep.forEach((g, k) => {
    const t = k + 1;
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < out.length; i++) {
      m[i]! += (g[i]! - m[i]!) * (1 - b1);
      v[i]! += (g[i]! ** 2 - v[i]!) * (1 - b2);
      out[i]! -= (alpha * m[i]!) / (Math.sqrt(v[i]!) + eps);
    }
  });
  return out;
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`on ${backend}, adam updates every variable in one flat pass and follows Keras' rule step for step`, async () => {
    const w0 = Array.from(seededValues(6 + 4, 11));
    const steps = [1, 2, 3].map((s) => Array.from(seededValues(10, 100 + s)).map((x) => x * (s === 2 ? 1e-3 : 1)));
    const [a, b] = await onBackend(backend, () => {
      const kernel = tf.variable(tf.tensor2d(w0.slice(0, 6), [2, 3]), true, `k${backend}`);
      const bias = tf.variable(tf.tensor1d(w0.slice(6)), true, `b${backend}`);
      const opt = makeOptimizer({ name: 'adam', learning_rate: 0.01 });
      for (const g of steps) {
        opt.applyGradients({ [kernel.name]: tf.tensor2d(g.slice(0, 6), [2, 3]), [bias.name]: tf.tensor1d(g.slice(6)) });
      }
      const r = [kernel.clone(), bias.clone()];
      opt.dispose();
      tf.dispose([kernel, bias]);
      return r;
    });
    const expected = kerasAdam(w0, steps, 0.01);
    assert.equal(a!.length, 6);
    assert.ok(
      relativeError(Float32Array.from([...a!, ...b!]), Float32Array.from(expected)) < 1e-5,
      `${[...a!, ...b!]} vs ${expected}`,
    );
  });
}

for (const backend of ['cpu', 'wasm'] as const) {
  // On wasm the update is one kernel with three outputs (backend/wasm/adam-update.ts).
  test(`adam on ${backend} leaves no tensors behind once disposed`, async () => {
    await onBackend(backend, () => []);
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.ones([3]), true, `adam-leak-w-${backend}`));
    const opt = makeOptimizer({ name: 'adam' });
    for (let i = 0; i < 3; i++) tf.tidy(() => opt.applyGradients({ [w.name]: tf.ones([3]) }));
    opt.dispose();
    w.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}
