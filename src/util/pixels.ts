/**
 * Pixel values as the data sets hold them: float32 in [0,1], or the uint8 bytes an image file
 * stores, standing for b/255. Data sources keep the bytes (4x smaller than floats, and a sweep
 * runs one copy per trial process); models make floats a batch at a time, with these functions.
 */
import type { PixelValues } from '../types/samples.js';

/** byte -> [0,1] float, exactly b/255 as Keras' `x / 255.` does. */
const UNIT = (() => {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) t[b] = b / 255;
  return t;
})();

/** The value at `i` in [0,1], whichever form the values are in. */
export function unitValue(values: PixelValues, i: number): number {
  return values instanceof Uint8Array ? UNIT[values[i]!]! : values[i]!;
}

/** Values start..end-1 as float32: a view when they already are floats, else a converted copy. */
export function floatRange(values: PixelValues, start = 0, end = values.length): Float32Array {
  if (values instanceof Float32Array) return values.subarray(start, end);
  const out = new Float32Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = UNIT[values[i]!]!;
  return out;
}

/** The rows at `indices` (each `rowSize` values) gathered into one float32 array, in that order. */
export function gatherFloatRows(values: PixelValues, rowSize: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * rowSize);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k]! * rowSize;
    const dst = k * rowSize;
    if (values instanceof Float32Array) out.set(values.subarray(src, src + rowSize), dst);
    else for (let p = 0; p < rowSize; p++) out[dst + p] = UNIT[values[src + p]!]!;
  }
  return out;
}

/** The rows at `indices` (each `rowSize` bytes) gathered into one new byte array, in that order. */
export function gatherByteRows(bytes: Uint8Array, rowSize: number, indices: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(indices.length * rowSize);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k]! * rowSize;
    out.set(bytes.subarray(src, src + rowSize), k * rowSize);
  }
  return out;
}

/** Mean absolute difference per value between two equally long sets of values, in [0,1] units. */
export function meanAbsDifference(a: PixelValues, b: PixelValues): number {
  if (a.length !== b.length) throw new Error(`bug: comparing ${a.length} values with ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(unitValue(a, i) - unitValue(b, i));
  return sum / Math.max(1, a.length);
}
