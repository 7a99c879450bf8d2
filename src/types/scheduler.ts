/** A sweep scheduler's settings and its log of decisions, as plain data (kept in the sweep's folder). */

export type AshaMode = 'min' | 'max';

export interface AshaSettings {
  /** The stage whose epochs are the resource. */
  readonly stage: string;
  readonly metric: string;
  readonly mode: AshaMode;
  /** The first rung, in epochs (Ray's grace_period). */
  readonly min_epochs: number;
  readonly reduction_factor: number;
  /** The scheduled stage's epoch budget (Ray's max_t): no rung at or above it. */
  readonly max_epochs: number;
}

export type AshaDecision = 'continue' | 'stop';

/** One logged decision at a rung. */
export interface AshaRecord {
  readonly trial: string;
  /** The rung (in epochs) the report was recorded at. */
  readonly rung: number;
  /** The epoch the trial reported at (the rung, when it reports every epoch). */
  readonly epoch: number;
  readonly value: number;
  /** The value it had to match; absent for the first trial at a rung. */
  readonly cutoff?: number;
  readonly decision: AshaDecision;
}

export interface AshaState {
  readonly type: 'asha';
  readonly settings: AshaSettings;
  /** Every decision in arrival order; the rungs' recorded values are replayed from it. */
  readonly log: readonly AshaRecord[];
}
