/** Plain typed-array samples: what models take and give back, and what pictures draw. */

/**
 * Sample values: float32, or uint8 image bytes where byte b stands for b/255 (data sets stay in
 * the bytes their files hold, 4x smaller; util/pixels.ts turns them into floats a batch at a time).
 */
export type PixelValues = Float32Array | Uint8Array;

/** A batch of samples: n samples of `shape` each, sample-major in `x`. */
export interface Samples {
  readonly x: PixelValues;
  readonly n: number;
  /** Shape of one sample, e.g. [784] or [28, 28, 1]. */
  readonly shape: readonly number[];
}

export interface LabelledSamples extends Samples {
  readonly labels: Uint8Array;
  readonly classes: number;
}
