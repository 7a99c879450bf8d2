import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { installFusedReluGrad, RELU_GRAD } from '../../src/backend/fused-relu-grad.js';
import { onBackend, seededValues } from '../support/backend-compare.js';

installFusedReluGrad();

// The wasm RELU_GRAD is one SIMD pass (simd/relu-grad.wat, relu-grad.ts) and must give what
// tfjs' mul(dy, step(y)) gives on cpu, bit for bit: zeros, negative zeros, NaN and infinite
// inputs and gradients, and lengths that are not a multiple of four (the scalar tail).
for (const n of [4096, 4099, 3]) {
  test(`relu's gradient kernel on wasm equals cpu's bit for bit on ${n} values with zeros, NaNs and infinities`, async () => {
    const y = seededValues(n, 51).map((v, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? Number.NaN : v));
    const dy = seededValues(n, 52).map((v, i) => (i % 13 === 0 ? Number.POSITIVE_INFINITY : i % 17 === 0 ? -0 : v));
    const compute = () => tf.engine().runKernel(RELU_GRAD, { dy: tf.tensor1d(dy), x: tf.tensor1d(y) }) as tf.Tensor;
    const [cpu] = await onBackend('cpu', compute);
    const [wasm] = await onBackend('wasm', compute);
    assert.deepEqual(wasm, cpu);
  });
}

test("relu's gradient through a conv layer on wasm equals cpu's", async () => {
  const x = seededValues(2 * 9 * 9 * 3, 53);
  const w = seededValues(3 * 3 * 3 * 8, 54);
  const grad = () => {
    const f = tf.tensor4d(w, [3, 3, 3, 8]);
    return tf.grad((xx: tf.Tensor) => tf.sum(tf.relu(tf.conv2d(xx as tf.Tensor4D, f, 1, 'same'))))(
      tf.tensor4d(x, [2, 9, 9, 3]),
    );
  };
  const [cpu] = await onBackend('cpu', grad);
  const [wasm] = await onBackend('wasm', grad);
  let diff = 0;
  cpu!.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - wasm![i]!))));
  assert.ok(diff < 1e-5, `max difference ${diff}`);
});
