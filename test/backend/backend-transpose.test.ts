import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, seededValues } from '../support/backend-compare.js';

// Swapping the last two axes runs the SIMD kernel (simd/transpose.wat) in 4x4 blocks, 64
// columns a stripe, with the edges one value at a time: whole blocks, ragged edges, stripes
// past 64 columns, a batch, and a permutation it does not handle (tfjs's own kernel).
const cases: { shape: number[]; perm: number[] }[] = [
  { shape: [8, 12], perm: [1, 0] },
  { shape: [5, 7], perm: [1, 0] },
  { shape: [3, 9, 13], perm: [0, 2, 1] },
  { shape: [70, 133], perm: [1, 0] },
  { shape: [2, 2, 4, 6], perm: [0, 1, 3, 2] },
  { shape: [3, 4, 5], perm: [2, 1, 0] },
];

for (const c of cases) {
  test(`the wasm transpose of [${c.shape.join(',')}] by [${c.perm.join(',')}] equals cpu's exactly`, async () => {
    const values = seededValues(
      c.shape.reduce((a, b) => a * b, 1),
      7,
    );
    const compute = () => tf.transpose(tf.tensor(values, c.shape), c.perm);
    const [cpu] = await onBackend('cpu', compute);
    const [wasm] = await onBackend('wasm', compute);
    assert.deepEqual(wasm, cpu);
  });
}
