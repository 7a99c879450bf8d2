import type { ImageSet } from './types.js';

/**
 * Images as stored on disk: uint8 pixels (0..255), one channel. Sources produce these; only the
 * samples an experiment asks for are turned into float ImageSets, which are 4x larger.
 */
export interface ByteImageSet {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  /** n*height*width bytes, sample-major. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

/** byte -> [0,1] float, exactly b/255 as Keras' `x / 255.` does. */
const NORMALISED = (() => {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) t[b] = b / 255;
  return t;
})();

/** Largest label + 1, the class count of a labelled set. */
export function classCount(...labelArrays: Uint8Array[]): number {
  let max = -1;
  for (const labels of labelArrays) for (const l of labels) if (l > max) max = l;
  return max + 1;
}

/**
 * The samples at `indices` (all of them, in order, when absent) as a float ImageSet with pixel
 * values in [0,1].
 */
export function toImageSet(set: ByteImageSet, classes: number, indices?: ArrayLike<number>): ImageSet {
  const size = set.height * set.width;
  const n = indices ? indices.length : set.n;
  const images = new Float32Array(n * size);
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    if (!(i >= 0 && i < set.n)) throw new RangeError(`sample index ${i} outside 0..${set.n - 1}`);
    labels[k] = set.labels[i]!;
    const src = i * size;
    const dst = k * size;
    for (let p = 0; p < size; p++) images[dst + p] = NORMALISED[set.pixels[src + p]!]!;
  }
  return { images, labels, n, height: set.height, width: set.width, channels: 1, classes };
}
