import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { adadeltaOps } from '../../src/backend/adadelta-ops.js';
import { ADADELTA_UPDATE, fusedAdadeltaUpdate } from '../../src/backend/wasm/adadelta-update.js';
import { onBackend, seededValues } from '../support/backend-compare.js';

// Adadelta's update as one SIMD pass on wasm (simd/adadelta.wat) must be the same bits as the
// fourteen ops that run elsewhere (here on cpu), tail included (4099 values), so that a run's
// numbers do not depend on whether the kernel loaded.
test("wasm's fused Adadelta update equals the ops on cpu bit for bit", async () => {
  const n = 4099;
  const g = seededValues(n, 81);
  const a = seededValues(n, 82).map((x) => Math.abs(x) * 0.01);
  const u = seededValues(n, 83).map((x) => Math.abs(x) * 0.001);
  const w = seededValues(n, 84);
  const attrs = { rho: 0.95, epsilon: 1e-7, learningRate: 1.0 };
  const ops = await onBackend('cpu', () =>
    adadeltaOps(tf.tensor1d(g), tf.tensor1d(a), tf.tensor1d(u), tf.tensor1d(w), attrs),
  );
  const fused = await onBackend('wasm', () => {
    assert.notEqual(tf.getKernel(ADADELTA_UPDATE, 'wasm'), undefined);
    return fusedAdadeltaUpdate(tf.tensor1d(g), tf.tensor1d(a), tf.tensor1d(u), tf.tensor1d(w), attrs)!;
  });
  assert.deepEqual(fused, ops);
});
