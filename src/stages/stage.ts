import type { StageConfig } from '../types/experiment-config.js';
import type { EventBody } from '../types/run-events.js';
import type { StageResult, StageValue } from '../types/stage-values.js';

export interface StageContext {
  readonly name: string;
  readonly seed: number;
  /** Folder for this stage's artifacts (model, pictures); created by the runner. */
  readonly dir: string;
  /** Path of `dir` relative to the run folder, for artifact events. */
  readonly relDir: string;
  readonly emit: (event: EventBody) => void;
}

/** A kind of stage: takes its resolved inputs, trains, writes artifacts, returns its outputs. */
export interface StageKind<C extends { readonly type: string } = StageConfig> {
  run(config: C, inputs: readonly StageValue[], ctx: StageContext): Promise<StageResult>;
}

/** An expected failure (bad data, a spec the model cannot build, a diverging loss): its message is the whole story. */
export class StageError extends Error {}
