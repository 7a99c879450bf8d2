// Shared by the backend tests: run one computation on the pure-JS 'cpu' backend (the
// reference) and on 'wasm' with the composed kernels, on identical inputs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels } from '../../src/backend/wasm/kernels.js';

/** Deterministic values in [-1, 1) so that failures reproduce. */
export function seededValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** Runs `compute` on `backend` and copies its outputs out before switching away. */
export async function onBackend(
  backend: 'cpu' | 'wasm',
  compute: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not initialise`);
  if (backend === 'wasm') installWasmKernels();
  return tf.tidy(() => {
    const r = compute();
    return (Array.isArray(r) ? r : [r]).map((t) => Float32Array.from(t.dataSync()));
  });
}

/** max |a - b| / max |b|: the error relative to the reference's scale. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

export interface ConvCase {
  batch: number;
  size: [number, number];
  inChannels: number;
  kernel: [number, number];
  outChannels: number;
  strides: 1 | 2;
  pad: 'same' | 'valid' | number;
}

export function describeCase(c: ConvCase): string {
  return (
    `x ${c.batch}x${c.size.join('x')}x${c.inChannels}, kernel ${c.kernel.join('x')}` +
    `x${c.outChannels}, stride ${c.strides}, pad ${c.pad}`
  );
}

/** The odd and even sizes, kernel sizes and paddings the composed conv kernels must cover. */
export const convCases: ConvCase[] = [];
for (const strides of [1, 2] as const) {
  for (const pad of ['same', 'valid'] as const) {
    convCases.push(
      { batch: 3, size: [28, 28], inChannels: 1, kernel: [3, 3], outChannels: 4, strides, pad },
      { batch: 3, size: [7, 7], inChannels: 2, kernel: [5, 5], outChannels: 4, strides, pad },
      { batch: 2, size: [5, 5], inChannels: 2, kernel: [3, 3], outChannels: 4, strides, pad },
      { batch: 3, size: [8, 6], inChannels: 2, kernel: [3, 5], outChannels: 4, strides, pad },
    );
  }
  convCases.push({ batch: 3, size: [7, 7], inChannels: 2, kernel: [3, 3], outChannels: 4, strides, pad: 1 });
}

/**
 * Gradients of sum(conv2d(x, w) * r) with respect to x and w: dy = r, so these are exactly
 * Conv2DBackpropInput(r, w) and Conv2DBackpropFilter(x, r).
 */
export async function convGrads(c: ConvCase, backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  const xShape = [c.batch, c.size[0], c.size[1], c.inChannels] as const;
  const wShape = [c.kernel[0], c.kernel[1], c.inChannels, c.outChannels] as const;
  const xVals = seededValues(
    xShape.reduce((a, b) => a * b),
    1,
  );
  const wVals = seededValues(
    wShape.reduce((a, b) => a * b),
    2,
  );
  return onBackend(backend, () => {
    const x = tf.tensor4d(xVals, [...xShape]);
    const w = tf.tensor4d(wVals, [...wShape]);
    const yShape = tf.conv2d(x, w, c.strides, c.pad).shape;
    const r = tf.tensor(
      seededValues(
        yShape.reduce((a, b) => a * b),
        3,
      ),
      yShape,
    );
    const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
      tf
        .conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.strides, c.pad)
        .mul(r)
        .sum(),
    );
    return g([x, w]);
  });
}
