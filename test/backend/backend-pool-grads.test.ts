import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';

const poolCases = [
  { shape: [3, 28, 28, 4], size: 2, stride: 2, pad: 'valid' },
  { shape: [3, 7, 7, 2], size: 2, stride: 2, pad: 'same' },
  { shape: [2, 9, 8, 3], size: 3, stride: 2, pad: 'same' },
  { shape: [2, 6, 6, 3], size: 3, stride: 1, pad: 'valid' },
  // whole 2x2 windows, channels in fours: the SIMD kernel (simd/max-pool-grad.wat), with a
  // last row and column no window covers
  { shape: [2, 7, 9, 8], size: 2, stride: 2, pad: 'valid' },
  { shape: [2, 8, 8, 12], size: 2, stride: 2, pad: 'same' },
] as const;

for (const c of poolCases) {
  test(`the wasm max-pool gradient equals cpu's for ${c.shape.join('x')}, pool ${c.size}, stride ${c.stride}, pad ${c.pad}`, async () => {
    const n = c.shape.reduce((a: number, b: number) => a * b, 1);
    // relu-like input: many exact ties at zero, where the first maximum must win
    const xVals = seededValues(n, 31).map((v) => Math.max(v, 0));
    const grad = () => {
      const x = tf.tensor4d(xVals, [...c.shape]);
      const r = tf.tensor(
        seededValues(tf.maxPool(x, c.size, c.stride, c.pad).size, 32),
        tf.maxPool(x, c.size, c.stride, c.pad).shape,
      );
      return tf.grad((xx: tf.Tensor) =>
        tf
          .maxPool(xx as tf.Tensor4D, c.size, c.stride, c.pad)
          .mul(r)
          .sum(),
      )(x);
    };
    const [cpu] = await onBackend('cpu', grad);
    const [wasm] = await onBackend('wasm', grad);
    assert.ok(relativeError(wasm!, cpu!) < 1e-4, `relative error ${relativeError(wasm!, cpu!)}`);
  });
}

const resizeCases = [
  { shape: [3, 7, 7, 2], size: [14, 14] },
  { shape: [2, 4, 5, 3], size: [12, 10] },
  { shape: [2, 5, 5, 1], size: [7, 9] }, // not a whole factor: the stock kernel's case
] as const;

/**
 * The gradient by definition: each dy value goes to the pixel it was copied from. (The cpu
 * backend is no reference here: tfjs 4.22's cpu ResizeNearestNeighborGrad is wrong for every
 * batch element after the first.)
 */
function nearestGradByHand(shape: readonly number[], size: readonly number[], dy: Float32Array): Float32Array {
  const [batch, H, W, C] = shape as [number, number, number, number];
  const [outH, outW] = size as [number, number];
  const dx = new Float32Array(batch * H * W * C);
  for (let n = 0; n < batch; n++) {
    for (let r = 0; r < outH; r++) {
      const sr = Math.min(H - 1, Math.floor(r * (H / outH)));
      for (let c = 0; c < outW; c++) {
        const sc = Math.min(W - 1, Math.floor(c * (W / outW)));
        for (let d = 0; d < C; d++) {
          dx[((n * H + sr) * W + sc) * C + d]! += dy[((n * outH + r) * outW + c) * C + d]!;
        }
      }
    }
  }
  return dx;
}

for (const c of resizeCases) {
  test(`the wasm nearest-neighbour upsampling gradient is each block's sum for ${c.shape.join('x')} to ${c.size.join('x')}`, async () => {
    const n = c.shape.reduce((a: number, b: number) => a * b, 1);
    const dyShape: number[] = [c.shape[0], c.size[0], c.size[1], c.shape[3]];
    const dy = seededValues(
      dyShape.reduce((a, b) => a * b),
      42,
    );
    const grad = () => {
      const x = tf.tensor4d(seededValues(n, 41), [...c.shape]);
      const r = tf.tensor(dy, dyShape);
      return tf.grad((xx: tf.Tensor) =>
        tf.image
          .resizeNearestNeighbor(xx as tf.Tensor4D, [...c.size])
          .mul(r)
          .sum(),
      )(x);
    };
    const [wasm] = await onBackend('wasm', grad);
    const expected = nearestGradByHand(c.shape, c.size, dy);
    assert.ok(relativeError(wasm!, expected) < 1e-5, `relative error ${relativeError(wasm!, expected)}`);
  });
}

test('the wasm 2x2 max-pool gradient skips NaNs and gives ties to the first maximum, as cpu does', async () => {
  // Windows of [NaN, 1, 1, 0], [-inf x4], [2, NaN, 2, 3], [0, 0, 0, 0] on each of 4 channels.
  const windows = [
    [NaN, 1, 1, 0],
    [-Infinity, -Infinity, -Infinity, -Infinity],
    [2, NaN, 2, 3],
    [0, 0, 0, 0],
  ];
  const x = new Float32Array(1 * 4 * 4 * 4);
  windows.forEach((w, k) => {
    const [i, j] = [Math.floor(k / 2), k % 2];
    w.forEach((v, p) => {
      const [u, t] = [Math.floor(p / 2), p % 2];
      for (let ch = 0; ch < 4; ch++) x[((2 * i + u) * 4 + 2 * j + t) * 4 + ch] = v;
    });
  });
  const grad = () => {
    const xt = tf.tensor4d(x, [1, 4, 4, 4]);
    const r = tf.tensor4d(seededValues(16, 33), [1, 2, 2, 4]);
    return tf.grad((xx: tf.Tensor) =>
      tf
        .maxPool(xx as tf.Tensor4D, 2, 2, 'valid')
        .mul(r)
        .sum(),
    )(xt);
  };
  const [cpu] = await onBackend('cpu', grad);
  const [wasm] = await onBackend('wasm', grad);
  assert.deepEqual(wasm, cpu);
});
