/**
 * From plain Samples to tensors, one batch at a time. The samples stay in JavaScript memory in
 * whatever form they came (image bytes or float32); only a batch is ever a float tensor, so no
 * model holds its training set twice, nor as float32 when it came as bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { floatRange, gatherFloatRows } from '../util/pixels.js';
import type { Samples } from './types.js';

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Throws unless the samples fit a model input of `shape`. The sample's own shape may differ as
 * long as its size matches (a [784] digit is a [28, 28, 1] image); a mismatch is a caller bug.
 */
export function checkFits(s: Samples, shape: readonly number[]): void {
  const size = sizeOf(shape);
  if (sizeOf(s.shape) !== size || s.x.length !== s.n * size) {
    throw new Error(
      `samples of shape [${s.shape.join(', ')}] (n=${s.n}, ${s.x.length} values) do not fit a model input of shape [${shape.join(', ')}]`,
    );
  }
}

/** Samples start..start+size-1 as a float32 tensor of shape [size, ...shape]. */
export function rowsTensor(s: Samples, shape: readonly number[], start: number, size: number): tf.Tensor {
  const row = sizeOf(shape);
  return tf.tensor(floatRange(s.x, start * row, (start + size) * row), [size, ...shape], 'float32');
}

/** The samples at `indices`, in that order, as a float32 tensor of shape [indices.length, ...shape]. */
export function gatherTensor(s: Samples, shape: readonly number[], indices: Int32Array): tf.Tensor {
  return tf.tensor(gatherFloatRows(s.x, sizeOf(shape), indices), [indices.length, ...shape], 'float32');
}

/**
 * Applies `fn` to consecutive batches (`rows(start, size)` makes one) of n samples and
 * concatenates the results into one typed array. Each batch runs in a tidy.
 */
export async function mapInBatches(
  n: number,
  batchSize: number,
  rows: (start: number, size: number) => tf.Tensor,
  fn: (batch: tf.Tensor) => tf.Tensor,
): Promise<{ data: Float32Array; shape: number[] }> {
  let out: Float32Array | undefined;
  let itemShape: number[] = [];
  let itemSize = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const y = tf.tidy(() => fn(rows(start, size)));
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
