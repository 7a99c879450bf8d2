import { gatherByteRows } from '../util/pixels.js';
import type { ImageSet } from './types.js';

/** Images as stored on disk: uint8 pixels (0..255), one channel, as the sources read them. */
export interface ByteImageSet {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  /** n*height*width bytes, sample-major. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

/** Largest label + 1, the class count of a labelled set. */
export function classCount(...labelArrays: Uint8Array[]): number {
  let max = -1;
  for (const labels of labelArrays) for (const l of labels) if (l > max) max = l;
  return max + 1;
}

/**
 * The samples at `indices` (all of them, in order, when absent) as an ImageSet that keeps the
 * bytes: models turn them into [0,1] floats a batch at a time (util/pixels.ts), so a trial never
 * holds the data set as float32.
 */
export function toImageSet(set: ByteImageSet, classes: number, indices?: ArrayLike<number>): ImageSet {
  const size = set.height * set.width;
  const shape = { height: set.height, width: set.width, channels: 1, classes };
  if (!indices) return { images: set.pixels, labels: set.labels, n: set.n, ...shape };
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(i >= 0 && i < set.n)) throw new RangeError(`sample index ${i} outside 0..${set.n - 1}`);
  }
  const labels = Uint8Array.from({ length: indices.length }, (_, k) => set.labels[indices[k]!]!);
  return { images: gatherByteRows(set.pixels, size, indices), labels, n: indices.length, ...shape };
}
