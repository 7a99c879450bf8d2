import type { StageConfig } from '../config/types.js';
import type { DataSplit } from '../data/types.js';
import type { EventBody } from '../run/events.js';

/**
 * A value flowing along an edge of the DAG. Images carry their split and labels; `flat` marks
 * vectors (codes of a dense autoencoder) that only a dense model can read.
 */
export type StageValue =
  | { readonly kind: 'images'; readonly split: DataSplit; readonly flat: boolean }
  | { readonly kind: 'model'; readonly dir: string; readonly model: 'autoencoder' | 'classifier' };

export type StageOutputs = Readonly<Record<string, StageValue>>;

export interface StageContext {
  readonly name: string;
  readonly seed: number;
  /** Folder for this stage's artifacts (model, pictures); created by the runner. */
  readonly dir: string;
  /** Path of `dir` relative to the run folder, for artifact events. */
  readonly relDir: string;
  readonly emit: (event: EventBody) => void;
}

export interface StageResult {
  readonly outputs: StageOutputs;
  /** Final metrics of the stage (test loss, test accuracy, ...). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** A kind of stage: takes its resolved inputs, trains, writes artifacts, returns its outputs. */
export interface StageKind<C extends StageConfig = StageConfig> {
  run(config: C, inputs: readonly StageValue[], ctx: StageContext): Promise<StageResult>;
}

/** An expected failure (bad data, a spec the model cannot build, a diverging loss): its message is the whole story. */
export class StageError extends Error {}
