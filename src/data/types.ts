/**
 * The in-memory form of an image data set, shared by data sources, stages and models.
 * Plain typed arrays (not tensors) so that sets can be cached, sliced, sent to child processes
 * and written to disk without touching TensorFlow.js.
 */
export interface ImageSet {
  /** Pixel values in [0,1], sample-major: image i occupies [i*h*w*c, (i+1)*h*w*c). */
  readonly images: Float32Array;
  /** Class index of each image (0..classes-1). */
  readonly labels: Uint8Array;
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classes: number;
}

/** A data set split the way an experiment asked for it. */
export interface DataSplit {
  readonly train: ImageSet;
  readonly test: ImageSet;
  /** Stable description of where the data came from and how it was split (part of cache keys). */
  readonly identity: string;
}
