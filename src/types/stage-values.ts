/**
 * What flows along an edge of the DAG at run time: the run, the cache and the stages all speak
 * these types, so they live below all three.
 */
import type { DataSplit } from '../data/types.js';

/**
 * A value flowing along an edge of the DAG. Images carry their split and labels; `flat` marks
 * vectors (codes of a dense autoencoder) that only a dense model can read.
 */
export type StageValue =
  | { readonly kind: 'images'; readonly split: DataSplit; readonly flat: boolean }
  | { readonly kind: 'model'; readonly dir: string; readonly model: 'autoencoder' | 'classifier' };

export type StageOutputs = Readonly<Record<string, StageValue>>;
