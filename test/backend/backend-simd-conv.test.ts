import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  convGrads,
  describeCase,
  onBackend,
  relativeError,
  seededValues,
  type ConvCase,
} from '../support/backend-compare.js';

// Stride-1 convolutions with output channels in sixteens (or one) run aelab's SIMD kernel on wasm
// (simd/conv.wat, conv-forward.ts): outputs in pairs along a row with a single one left on odd
// widths, 16 channels a pass, bias and relu fused; and one output channel as dot products. The
// other cases keep XNNPACK's.
const cases: {
  x: [number, number, number, number];
  k: [number, number];
  co: number;
  pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding;
  strides?: number;
}[] = [
  { x: [3, 9, 8, 3], k: [3, 3], co: 16, pad: 'valid' },
  { x: [2, 7, 7, 1], k: [3, 3], co: 32, pad: 'same' },
  { x: [2, 6, 9, 16], k: [2, 3], co: 48, pad: 'same' },
  {
    x: [1, 5, 6, 5],
    k: [3, 3],
    co: 16,
    pad: [
      [0, 0],
      [2, 1],
      [0, 2],
      [0, 0],
    ],
  },
  { x: [2, 9, 7, 16], k: [3, 3], co: 1, pad: 'same' }, // one output channel: dot products
  { x: [2, 6, 6, 3], k: [3, 2], co: 1, pad: 'valid' }, // ... with K = 6, not a multiple of 4
  { x: [2, 8, 8, 4], k: [3, 3], co: 8, pad: 'same' }, // 8 filters: XNNPACK
  { x: [2, 9, 9, 4], k: [3, 3], co: 16, pad: 'same', strides: 2 }, // stride 2: XNNPACK
];

for (const c of cases) {
  const name = `${c.x.join('x')} * ${c.k.join('x')}x${c.co}, pad ${JSON.stringify(c.pad)}, stride ${c.strides ?? 1}`;
  test(`the wasm conv2d equals cpu's, plain and fused with bias and relu, for ${name}`, async () => {
    const xVals = seededValues(
      c.x.reduce((a, b) => a * b, 1),
      61,
    );
    const wVals = seededValues(c.k[0] * c.k[1] * c.x[3] * c.co, 62);
    const bVals = seededValues(c.co, 63);
    const compute = () => {
      const x = tf.tensor4d(xVals, c.x);
      const w = tf.tensor4d(wVals, [c.k[0], c.k[1], c.x[3], c.co]);
      const bias = tf.tensor1d(bVals);
      const strides = c.strides ?? 1;
      return [
        tf.conv2d(x, w, strides, c.pad),
        tf.fused.conv2d({ x, filter: w, strides, pad: c.pad, bias, activation: 'relu' }),
        tf.fused.conv2d({ x, filter: w, strides, pad: c.pad, bias }),
        tf.fused.conv2d({ x, filter: w, strides, pad: c.pad, bias, activation: 'sigmoid' }),
      ];
    };
    const cpu = await onBackend('cpu', compute);
    const wasm = await onBackend('wasm', compute);
    cpu.forEach((v, i) =>
      assert.ok(relativeError(wasm[i]!, v) < 1e-5, `output ${i}: relative error ${relativeError(wasm[i]!, v)}`),
    );
  });
}

// The input gradient of a stride-1 conv is a convolution with the flipped filter, to as many
// channels as the input has: 16 or 32 here, so it runs the SIMD kernel too.
const gradCases: ConvCase[] = [
  { batch: 2, size: [9, 8], inChannels: 16, kernel: [3, 3], outChannels: 4, strides: 1, pad: 'valid' },
  { batch: 3, size: [7, 7], inChannels: 32, kernel: [3, 3], outChannels: 8, strides: 1, pad: 'same' },
];

for (const c of gradCases) {
  test(`the wasm conv input gradient by the SIMD conv equals cpu's for ${describeCase(c)}`, async () => {
    const [dxCpu] = await convGrads(c, 'cpu');
    const [dxWasm] = await convGrads(c, 'wasm');
    assert.ok(relativeError(dxWasm!, dxCpu!) < 1e-5, `relative error ${relativeError(dxWasm!, dxCpu!)}`);
  });
}
