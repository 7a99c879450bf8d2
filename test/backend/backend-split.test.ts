import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, seededValues } from '../support/backend-compare.js';

// Splits whose pieces are contiguous runs of the input are heap copies on wasm (split.ts); the
// last case is not (a leading axis of 3) and keeps tfjs's kernel.
const cases: { shape: number[]; sizes: number | number[]; axis: number }[] = [
  { shape: [1199], sizes: [288, 32, 800, 79], axis: 0 },
  { shape: [12], sizes: 3, axis: 0 },
  { shape: [6, 4], sizes: [1, 5], axis: 0 },
  { shape: [1, 10, 2], sizes: [3, -1], axis: 1 },
  { shape: [3, 10], sizes: [4, 6], axis: 1 },
];

for (const c of cases) {
  test(`the wasm split of [${c.shape.join(',')}] into ${JSON.stringify(c.sizes)} on axis ${c.axis} equals cpu's`, async () => {
    const values = seededValues(
      c.shape.reduce((a, b) => a * b, 1),
      5,
    );
    const compute = () => tf.split(tf.tensor(values, c.shape), c.sizes, c.axis);
    const cpu = await onBackend('cpu', compute);
    const wasm = await onBackend('wasm', compute);
    assert.deepEqual(wasm, cpu);
  });
}
