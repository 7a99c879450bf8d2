import type { DataSplit, ImageSet } from '../data/types.js';
import type { LabelledSamples, Samples } from '../models/types.js';

/** An image set seen as model samples of a given per-sample shape (same memory, no copy). */
export function asSamples(set: ImageSet, shape: readonly number[]): LabelledSamples {
  return { x: set.images, n: set.n, shape, labels: set.labels, classes: set.classes };
}

/**
 * Model output as an image set carrying the labels of the set it came from. A flat vector of k
 * values becomes a 1 x k x 1 "image", so that every stage value has one representation.
 */
export function fromSamples(samples: Samples, like: ImageSet, keepShape = false): ImageSet {
  if (keepShape) return { ...like, images: samples.x, n: samples.n };
  const [h, w, c] = samples.shape.length === 3 ? samples.shape : [1, samples.shape.reduce((a, b) => a * b, 1), 1];
  return {
    images: samples.x,
    labels: like.labels,
    n: samples.n,
    height: h!,
    width: w!,
    channels: c!,
    classes: like.classes,
  };
}

export function imageShape(set: ImageSet): [number, number, number] {
  return [set.height, set.width, set.channels];
}

/** The first n samples of a set (a view, not a copy). */
export function head(set: ImageSet, n: number): ImageSet {
  const k = Math.min(n, set.n);
  const size = set.height * set.width * set.channels;
  return { ...set, n: k, images: set.images.subarray(0, k * size), labels: set.labels.subarray(0, k) };
}

export function mapSplit(split: DataSplit, identity: string, f: (set: ImageSet) => ImageSet): DataSplit {
  return { train: f(split.train), test: f(split.test), identity };
}
