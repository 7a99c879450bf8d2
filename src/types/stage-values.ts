/**
 * What flows along an edge of the DAG at run time: the run, the cache, the stages and the data
 * sources all speak these types, so they live below all of them.
 */

import type { PixelValues } from './samples.js';

/**
 * The in-memory form of an image data set, shared by data sources, stages and models.
 * Plain typed arrays (not tensors) so that sets can be cached, sliced, sent to child processes
 * and written to disk without touching TensorFlow.js.
 */
export interface ImageSet {
  /**
   * Pixel values in [0,1], sample-major: image i occupies [i*h*w*c, (i+1)*h*w*c). Data sources
   * give the file's bytes (b stands for b/255); what models compute is float32.
   */
  readonly images: PixelValues;
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

/**
 * A value flowing along an edge of the DAG. Images carry their split and labels; `flat` marks
 * vectors (codes of a dense autoencoder) that only a dense model can read.
 */
export type StageValue =
  | { readonly kind: 'images'; readonly split: DataSplit; readonly flat: boolean }
  /** `model`: the kind of model, the `modelKind` of the definition of the stage that trained it. */
  | { readonly kind: 'model'; readonly dir: string; readonly model: string };

export type StageOutputs = Readonly<Record<string, StageValue>>;

/** What a stage returns: its outputs for the stages after it, and its final metrics. */
export interface StageResult {
  readonly outputs: StageOutputs;
  /** Final metrics of the stage (test loss, test accuracy, ...). */
  readonly metrics: Readonly<Record<string, number>>;
}
