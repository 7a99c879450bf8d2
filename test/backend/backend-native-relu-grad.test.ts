import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RELU_GRAD } from '../../src/backend/fused-relu-grad.js';
import { selectBackend } from '../../src/backend/select.js';

/** After `npm run setup:native` tfjs-node loads; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);

/** relu's gradient at x (zero and both signs included) for upstream gradient dy, on `backend`. */
async function reluGrad(backend: 'tensorflow' | 'cpu'): Promise<number[]> {
  const r = await selectBackend(backend);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return tf.tidy(() => {
    const x = tf.tensor2d([
      [-2, -0.5, 0, 0.5],
      [3, -1e-8, 1e-8, 7],
    ]);
    const dy = tf.tensor2d([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    return Array.from(
      tf
        .grad((v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), dy)))(x)
        .dataSync(),
    );
  });
}

test(
  "relu's gradient on the native backend is one TensorFlow ReluGrad and equals the cpu backend's",
  { skip: !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)' },
  async () => {
    const native = await reluGrad('tensorflow');
    assert.notEqual(tf.getKernel(RELU_GRAD, 'tensorflow'), undefined);
    const reference = await reluGrad('cpu');
    assert.deepEqual(native, reference);
    assert.deepEqual(reference, [0, 0, 0, 4, 5, 0, 7, 8]);
  },
);
