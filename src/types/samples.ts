/** Plain typed-array samples: what models take and give back, and what pictures draw. */

/** A batch of samples: n samples of `shape` each, sample-major in `x`. */
export interface Samples {
  readonly x: Float32Array;
  readonly n: number;
  /** Shape of one sample, e.g. [784] or [28, 28, 1]. */
  readonly shape: readonly number[];
}

export interface LabelledSamples extends Samples {
  readonly labels: Uint8Array;
  readonly classes: number;
}
