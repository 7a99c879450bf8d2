import type { StageConfig } from '../types/experiment-config.js';
import type { EventBody, Verdict } from '../types/run-events.js';
import type { StageResult, StageValue } from '../types/stage-values.js';

export interface StageContext {
  readonly name: string;
  readonly seed: number;
  /** Folder for this stage's artifacts (model, pictures); created by the runner. */
  readonly dir: string;
  /** Path of `dir` relative to the run folder, for artifact events. */
  readonly relDir: string;
  readonly emit: (event: EventBody) => void;
  /**
   * Asked after each training epoch, once it is logged, when a sweep's scheduler watches this
   * stage: a `stop` ends the stage there (StageStopped), and the trial with it.
   */
  readonly afterEpoch?: (epoch: number, metrics: Readonly<Record<string, number>>) => Promise<Verdict>;
}

/** A kind of stage: takes its resolved inputs, trains, writes artifacts, returns its outputs. */
export interface StageKind<C extends { readonly type: string } = StageConfig> {
  run(config: C, inputs: readonly StageValue[], ctx: StageContext): Promise<StageResult>;
}

/** An expected failure (bad data, a spec the model cannot build, a diverging loss): its message is the whole story. */
export class StageError extends Error {}

/** A scheduler ended the stage's training at `epoch`: not a failure, the trial stops there. */
export class StageStopped extends Error {
  constructor(
    readonly epoch: number,
    readonly reason: string,
  ) {
    super(`stopped at epoch ${epoch}: ${reason}`);
  }
}
