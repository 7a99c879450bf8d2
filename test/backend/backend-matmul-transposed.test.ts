import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';

// [batch, rows, inner] x [batch, inner, cols], stored transposed where the flag says so.
const shapes = [
  { batch: 1, rows: 5, inner: 7, cols: 3 },
  { batch: 3, rows: 17, inner: 33, cols: 9 },
  // b much bigger than a: a times b transposed becomes (b a^T)^T (matmul.ts)
  { batch: 1, rows: 4, inner: 6, cols: 50 },
];

for (const s of shapes) {
  for (const [ta, tb] of [
    [true, false],
    [false, true],
    [true, true],
    [false, false],
  ] as const) {
    test(`wasm BatchMatMul with transposeA=${ta} transposeB=${tb} on ${s.batch}x${s.rows}x${s.inner}x${s.cols} equals cpu's`, async () => {
      const aShape = ta ? [s.batch, s.inner, s.rows] : [s.batch, s.rows, s.inner];
      const bShape = tb ? [s.batch, s.cols, s.inner] : [s.batch, s.inner, s.cols];
      const aVals = seededValues(s.batch * s.rows * s.inner, 11);
      const bVals = seededValues(s.batch * s.inner * s.cols, 12);
      const compute = () =>
        tf.matMul(
          tf.tensor3d(aVals, aShape as [number, number, number]),
          tf.tensor3d(bVals, bShape as [number, number, number]),
          ta,
          tb,
        );
      const [cpu] = await onBackend('cpu', compute);
      const [wasm] = await onBackend('wasm', compute);
      assert.ok(relativeError(wasm!, cpu!) < 1e-4, `relative error ${relativeError(wasm!, cpu!)}`);
    });
  }
}

test('wasm fused matMul with a transposed operand, bias and relu equals cpu', async () => {
  const aVals = seededValues(6 * 10, 21);
  const bVals = seededValues(4 * 10, 22);
  const biasVals = seededValues(4, 23);
  const compute = () =>
    tf.fused.matMul({
      a: tf.tensor2d(aVals, [10, 6]),
      b: tf.tensor2d(bVals, [4, 10]),
      transposeA: true,
      transposeB: true,
      bias: tf.tensor1d(biasVals),
      activation: 'relu',
    });
  const [cpu] = await onBackend('cpu', compute);
  const [wasm] = await onBackend('wasm', compute);
  assert.ok(relativeError(wasm!, cpu!) < 1e-4, `relative error ${relativeError(wasm!, cpu!)}`);
});

test('wasm matMul of a 2-D a by a much bigger 2-D b transposed equals cpu', async () => {
  const aVals = seededValues(3 * 8, 24);
  const bVals = seededValues(40 * 8, 25);
  const compute = () => tf.matMul(tf.tensor2d(aVals, [3, 8]), tf.tensor2d(bVals, [40, 8]), false, true);
  const [cpu] = await onBackend('cpu', compute);
  const [wasm] = await onBackend('wasm', compute);
  assert.ok(relativeError(wasm!, cpu!) < 1e-5, `relative error ${relativeError(wasm!, cpu!)}`);
});
