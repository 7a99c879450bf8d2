import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, fusedAdamUpdate } from '../../src/backend/wasm/adam-update.js';
import { onBackend, seededValues } from '../support/backend-compare.js';

// Adam's moments and step as one SIMD pass on wasm (simd/adam.wat) must be the same bits as the
// eleven ops models/adam.ts runs elsewhere (here on cpu), tail included (4099 values).
test("wasm's fused Adam update equals the ops on cpu bit for bit", async () => {
  const n = 4099;
  const g = seededValues(n, 71);
  const m = seededValues(n, 72).map((x) => x * 0.1);
  const v = seededValues(n, 73).map((x) => Math.abs(x) * 0.01);
  const attrs = { oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7, alpha: 0.0012345 };
  const [cpuM, cpuV, cpuStep] = await onBackend('cpu', () => {
    const [gt, mt, vt] = [tf.tensor1d(g), tf.tensor1d(m), tf.tensor1d(v)];
    const newM = tf.add(mt, tf.mul(tf.sub(gt, mt), tf.scalar(attrs.oneMinusBeta1)));
    const newV = tf.add(vt, tf.mul(tf.sub(tf.square(gt), vt), tf.scalar(attrs.oneMinusBeta2)));
    return [newM, newV, tf.mul(tf.div(newM, tf.add(tf.sqrt(newV), tf.scalar(attrs.epsilon))), attrs.alpha)];
  });
  const fused = await onBackend('wasm', () => {
    assert.notEqual(tf.getKernel(ADAM_UPDATE, 'wasm'), undefined);
    return fusedAdamUpdate(tf.tensor1d(g), tf.tensor1d(m), tf.tensor1d(v), attrs)!;
  });
  assert.deepEqual(fused, [cpuM, cpuV, cpuStep]);
});
