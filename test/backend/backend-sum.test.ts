import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';

const cases = [
  { shape: [3, 7, 7, 4], axis: [0, 1, 2], keepDims: false },
  { shape: [3, 7, 7, 4], axis: [2, 0, 1], keepDims: true },
  { shape: [5, 9], axis: [0], keepDims: false },
  { shape: [5, 9], axis: [1], keepDims: false }, // trailing axis: the stock kernel's case
  { shape: [4, 3, 2], axis: [0, 1, 2], keepDims: false }, // every axis: the stock kernel's case
  // Large enough for the pooled path (a conv's and a dense layer's bias gradient).
  { shape: [32, 28, 28, 16], axis: [0, 1, 2], keepDims: false },
  { shape: [32, 28, 28, 16], axis: [0, 1, 2], keepDims: true },
  { shape: [256, 784], axis: [0], keepDims: false },
] as const;

for (const c of cases) {
  test(`the wasm sum over axes ${c.axis.join(',')} of ${c.shape.join('x')} (keepDims ${c.keepDims}) equals cpu's`, async () => {
    const vals = seededValues(
      c.shape.reduce((a: number, b: number) => a * b, 1),
      51,
    );
    let shapes: number[][] = [];
    const compute = () => {
      const y = tf.tensor(vals, [...c.shape]).sum([...c.axis], c.keepDims);
      shapes.push(y.shape);
      return y;
    };
    const [cpu] = await onBackend('cpu', compute);
    const [wasm] = await onBackend('wasm', compute);
    assert.deepEqual(shapes[1], shapes[0]);
    assert.ok(relativeError(wasm!, cpu!) < 1e-4, `relative error ${relativeError(wasm!, cpu!)}`);
    shapes = [];
  });
}

test('the wasm sum of an int32 tensor over leading axes stays exact', async () => {
  const compute = () =>
    tf
      .tensor2d(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [3, 2],
        'int32',
      )
      .sum(0);
  const [wasm] = await onBackend('wasm', compute);
  assert.deepEqual(Array.from(wasm!), [9, 12]);
});
