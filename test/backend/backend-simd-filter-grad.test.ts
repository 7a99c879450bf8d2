import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from '../../src/backend/wasm/simd/kernels.js';
import { convGrads, describeCase, relativeError, type ConvCase } from '../support/backend-compare.js';

// Stride-1 weight gradients go through the SIMD kernel (simd/filter-grad.wat), which works in
// tiles of 2 window values x 16 output channels, 4 x 8 for 8 channels, and along the window
// values for a single output channel: these shapes reach every remainder path (channels past
// the last 16 in eights and fours, an odd number of window values a row, one channel).
const cases: ConvCase[] = [
  { batch: 3, size: [9, 8], inChannels: 3, kernel: [3, 3], outChannels: 20, strides: 1, pad: 'valid' },
  { batch: 2, size: [10, 10], inChannels: 1, kernel: [3, 3], outChannels: 32, strides: 1, pad: 'valid' },
  { batch: 5, size: [7, 7], inChannels: 4, kernel: [2, 3], outChannels: 36, strides: 1, pad: 'same' },
  { batch: 1, size: [30, 3], inChannels: 2, kernel: [3, 1], outChannels: 8, strides: 1, pad: 'valid' },
  { batch: 2, size: [6, 6], inChannels: 16, kernel: [3, 3], outChannels: 16, strides: 1, pad: 2 },
  { batch: 3, size: [9, 8], inChannels: 5, kernel: [3, 3], outChannels: 8, strides: 1, pad: 'same' },
  { batch: 2, size: [7, 9], inChannels: 7, kernel: [3, 3], outChannels: 12, strides: 1, pad: 'valid' },
  { batch: 3, size: [10, 9], inChannels: 16, kernel: [3, 3], outChannels: 1, strides: 1, pad: 'same' },
  { batch: 2, size: [6, 7], inChannels: 3, kernel: [3, 3], outChannels: 1, strides: 1, pad: 'valid' },
];

test('the SIMD kernels load on the wasm backend', async () => {
  await tf.setBackend('wasm');
  assert.notEqual(SimdKernels.for(tf.backend()), null);
});

for (const c of cases) {
  test(`the SIMD conv weight gradient equals the cpu backend's for ${describeCase(c)}`, async () => {
    const [, dwCpu] = await convGrads(c, 'cpu');
    const [, dwWasm] = await convGrads(c, 'wasm');
    const err = relativeError(dwWasm!, dwCpu!);
    assert.ok(err < 1e-5, `relative error ${err}`);
  });
}
