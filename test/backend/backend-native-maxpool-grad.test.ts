import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { installOneDnnMaxPoolGrad } from '../../src/backend/native/maxpool-grad.js';
import { selectBackend } from '../../src/backend/select.js';

/** After `npm run setup:native` tfjs-node loads; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);

interface Case {
  shape: [number, number, number, number];
  size: number;
  stride: number;
  pad: 'valid' | 'same';
}

const cases: Case[] = [
  { shape: [3, 8, 8, 5], size: 2, stride: 2, pad: 'valid' }, // the models' pool
  { shape: [2, 7, 9, 3], size: 2, stride: 2, pad: 'same' }, // odd sizes: padded last row/column
  { shape: [2, 7, 7, 4], size: 3, stride: 1, pad: 'same' }, // overlapping windows
  { shape: [1, 9, 6, 2], size: 3, stride: 2, pad: 'valid' },
];

/**
 * The input gradient of a pool over ReLU'd values (many all-zero windows, so ties decide where
 * the gradient goes) and of plain values, through the whole tape, on `backend`.
 */
async function poolGradients(backend: 'tensorflow' | 'cpu', c: Case): Promise<number[]> {
  const r = await selectBackend(backend);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return tf.tidy(() => {
    const n = c.shape.reduce((a, b) => a * b, 1);
    // Deterministic values with repeats; half of them negative so the ReLU makes zero windows.
    const values = Array.from({ length: n }, (_, i) => ((i * 37) % 11) - 5);
    const x = tf.tensor4d(values, c.shape);
    const f = (v: tf.Tensor) => {
      const pooled = tf.maxPool(tf.relu(v) as tf.Tensor4D, c.size, c.stride, c.pad);
      return tf.sum(tf.mul(pooled, tf.range(1, pooled.size + 1).reshape(pooled.shape)));
    };
    const g = tf.grad(f)(x);
    const plain = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, c.size, c.stride, c.pad), 3)))(
      x,
    );
    return [...g.dataSync(), ...plain.dataSync()];
  });
}

test(
  "max pooling's gradient on the native backend comes from oneDNN and equals the cpu backend's, ties included",
  { skip: !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)' },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(installOneDnnMaxPoolGrad(), true, 'the TensorFlow built by setup:native has oneDNN pooling');
    for (const c of cases) {
      const native = await poolGradients('tensorflow', c);
      const reference = await poolGradients('cpu', c);
      assert.deepEqual(native, reference, JSON.stringify(c));
      assert.ok(native.some((v) => v !== 0));
    }
  },
);
