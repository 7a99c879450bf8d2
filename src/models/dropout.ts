/**
 * Dropout with masks drawn from the step's seed: by TensorFlow on the native backend
 * (backend/native/dropout.ts, a node of the graph step), else in one pass of JavaScript.
 *
 * tf.dropout draws its uniforms with tfjs' seedrandom, one call per value, then needs add, floor
 * and div kernels to turn them into a mask. Here the mulberry32 stream (util/random.ts) is
 * inlined into the loop that writes the scaled mask, and dropout is one multiply, whose gradient
 * is the same multiply (timings: docs/performance.md, item 9).
 */
import * as tf from '@tensorflow/tfjs';
import { backendCapabilities } from '../backend/capabilities.js';

/**
 * n values, each 1/(1-rate) (kept, scaled so the expected activation is unchanged) where the
 * i-th draw of mulberry32(seed) is >= rate, else 0 (dropped).
 */
export function keepMask(n: number, rate: number, seed: number): Float32Array {
  const mask = new Float32Array(n);
  const scale = 1 / (1 - rate);
  // Draws below `threshold` (out of 2^32) are dropped: u = draw / 2^32 < rate.
  const threshold = rate * 4294967296;
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    // mulberry32, as in util/random.ts, without a closure call per value.
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    mask[i] = (t ^ (t >>> 14)) >>> 0 >= threshold ? scale : 0;
  }
  return mask;
}

/**
 * x with each value dropped with probability `rate` and the rest scaled by 1/(1-rate). The native
 * backend draws the mask itself (backend/native/dropout.ts), from another stream.
 */
export function dropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  if (rate === 0) return x;
  return tf.tidy(() => {
    const mask =
      backendCapabilities.keptDropoutMask(x.shape, rate, seed) ??
      tf.tensor(keepMask(x.size, rate, seed), x.shape, 'float32');
    return tf.mul(x, mask);
  });
}
