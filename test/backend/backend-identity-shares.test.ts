import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { onBackend } from '../support/backend-compare.js';

test('a clone on wasm shares memory with its source, and each can be disposed without harming the other', async () => {
  await onBackend('wasm', () => tf.scalar(0));
  const before = (tf.memory() as { numDataBuffers: number }).numDataBuffers;
  const x = tf.tensor2d([
    [1, 2],
    [3, 4],
  ]);
  const y = tf.clone(x);
  // One buffer for both: cloning allocated nothing.
  assert.equal((tf.memory() as { numDataBuffers: number }).numDataBuffers - before, 1);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
  const z = tf.add(y, 1);
  y.dispose();
  assert.deepEqual(Array.from(z.dataSync()), [2, 3, 4, 5]);
  z.dispose();
  assert.equal((tf.memory() as { numDataBuffers: number }).numDataBuffers, before);
});

test('gradients through saved (cloned) tensors on wasm equal the cpu backend', async () => {
  const compute = () => {
    const x = tf.tensor2d([
      [0.5, -1, 2],
      [3, -0.25, 1],
    ]);
    const f = (v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), tf.sigmoid(v)));
    return tf.grad(f)(x);
  };
  const [cpu] = await onBackend('cpu', compute);
  const [wasm] = await onBackend('wasm', compute);
  assert.ok(
    Array.from(wasm!).every((v, i) => Math.abs(v - cpu![i]!) < 1e-6),
    `${Array.from(wasm!)} vs ${Array.from(cpu!)}`,
  );
});
