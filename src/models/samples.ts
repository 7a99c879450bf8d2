/** Conversions between the plain Samples of the contract and tensors, batch by batch. */
import * as tf from '@tensorflow/tfjs';
import type { Samples } from './types.js';

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * The whole set as one tensor of shape [n, ...shape]. The sample's own shape may differ as long
 * as its size matches (a [784] digit is a [28, 28, 1] image); a size mismatch is a caller bug.
 */
export function samplesToTensor(s: Samples, shape: readonly number[]): tf.Tensor {
  const size = sizeOf(shape);
  if (sizeOf(s.shape) !== size || s.x.length !== s.n * size) {
    throw new Error(
      `samples of shape [${s.shape.join(', ')}] (n=${s.n}, ${s.x.length} values) do not fit a model input of shape [${shape.join(', ')}]`,
    );
  }
  return tf.tensor(s.x, [s.n, ...shape], 'float32');
}

/**
 * Applies `fn` to consecutive slices of `all` (first axis) and concatenates the results into
 * one typed array, so a large set never needs one huge intermediate tensor. `fn` runs in a tidy.
 */
export async function mapInBatches(
  all: tf.Tensor,
  batchSize: number,
  fn: (batch: tf.Tensor) => tf.Tensor,
): Promise<{ data: Float32Array; shape: number[] }> {
  const n = all.shape[0]!;
  let out: Float32Array | undefined;
  let itemShape: number[] = [];
  let itemSize = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const y = tf.tidy(() => fn(tf.slice(all, start, size)));
    const values = (await y.data()) as Float32Array;
    if (out === undefined) {
      itemShape = y.shape.slice(1);
      itemSize = sizeOf(itemShape);
      out = new Float32Array(n * itemSize);
    }
    y.dispose();
    out.set(values, start * itemSize);
  }
  return { data: out ?? new Float32Array(0), shape: itemShape };
}
