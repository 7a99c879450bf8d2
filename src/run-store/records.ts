/** What the files of a run folder hold, as types. */
import type { DatasetRecord, EnvironmentInfo, Objective, RunSettings, StopRecord } from '../types/run-events.js';

/** `stopped`: a scheduler (ASHA) ended the trial early; it is not a failure and is not run again. */
export type RunStatus = 'running' | 'finished' | 'failed' | 'killed' | 'stopped';

export interface StageRecord {
  status: 'running' | 'finished' | 'failed' | 'skipped' | 'killed' | 'stopped';
  fingerprint?: string;
  metrics: Record<string, number>;
  seconds?: number;
  cached?: boolean;
  error?: string;
  /** Why a scheduler stopped it (with `epoch`: the epoch it reached). */
  reason?: string;
  /** While it trains: the last epoch that ended, of how many; for a stopped stage, where it stopped. */
  epoch?: number;
  epochs?: number;
}

/** run.json: everything about a run but its per-epoch metrics (metrics.jsonl) and files. */
export interface RunRecord {
  id: string;
  name: string;
  kind: 'run' | 'sweep' | 'trial';
  experiment_file: string;
  parent?: string;
  trial?: string;
  /** The swept settings of a trial. */
  assignment?: Record<string, unknown>;
  /** A sweep's trial: the point it belongs to and which repeat of it (`sweep.repeats`). */
  point?: number;
  repeat?: number;
  status: RunStatus;
  start_time: string;
  end_time?: string;
  duration_s?: number;
  error?: string;
  seed: number;
  environment?: EnvironmentInfo;
  /** The process that records the run, and its host (heartbeat.json says whether it is alive). */
  pid?: number;
  host?: string;
  /** How the run was asked for (a single run's: what `aelab resume` needs). */
  settings?: RunSettings;
  stages: Record<string, StageRecord>;
  /** The data sets the run read, as they were loaded. */
  datasets?: DatasetRecord[];
  /** A trial run by a queue worker: which one (`host:pid`), and its start of the trial (1 unless a worker was lost). */
  worker?: string;
  attempt?: number;
  /** What the run warned about while it ran (a corrupt cache entry evicted, a scheduler that did not answer). */
  warnings?: string[];
}

export interface SweepTrialState {
  status: RunStatus | 'pending';
  assignment: Record<string, unknown>;
  error?: string;
  /** The queue worker (`host:pid`) that took the trial, for a sweep on a queue. */
  worker?: string;
  /** A trial the scheduler stopped: at which stage and epoch, and why. */
  stopped?: StopRecord;
}

/** A sweep's own run.json: its trials' states, and what `resume` needs. */
export interface SweepRecord extends RunRecord {
  kind: 'sweep';
  settings: RunSettings;
  trials: Record<string, SweepTrialState>;
  /** What the best trial is chosen by, as the session chose it from the stage definitions. */
  objective?: Objective;
}

export const isSweepRecord = (record: RunRecord): record is SweepRecord => record.kind === 'sweep';

/** One line of metrics.jsonl. */
export interface MetricLine {
  stage: string;
  key: string;
  value: number;
  step: number;
  time: number;
}

export interface SweepSummaryRow {
  id: string;
  status: string;
  assignment: Record<string, unknown>;
  /** The point the trial belongs to, which repeat of it, and that repeat's seed. */
  point?: number;
  repeat?: number;
  seed?: number;
  /** The trial's test metrics, as `<stage>.<metric>`. */
  metrics: Record<string, number>;
  seconds?: number;
  /** A trial the scheduler stopped: the stage and the epoch it reached. */
  stopped?: { stage: string; epoch: number };
}

/** A metric of a sweep point over its finished repeats: the Student-t 95% interval of its mean. */
export interface MetricAggregate {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one repeat. */
  sd: number;
  /** The 95% interval of the mean (Student t, n - 1 degrees of freedom); the mean itself for one repeat. */
  low: number;
  high: number;
}

/** One sweep point (a distinct assignment) over its repeats. */
export interface SweepPointSummary {
  point: number;
  assignment: Record<string, unknown>;
  /** Its trials in repeat order. */
  trials: string[];
  /** How many of them finished (the aggregates are over those). */
  finished: number;
  metrics: Record<string, MetricAggregate>;
}

/** summary.json of a sweep. */
export interface SweepSummary {
  objective?: Objective;
  /**
   * The best trial: without repeats the best one by the objective; with repeats, the best point's
   * repeat nearest its mean (a typical repeat, not its luckiest), whose pictures the report shows.
   */
  best?: string;
  /** The point with the best mean of the objective. */
  best_point?: number;
  /** Every point, with each metric's mean, standard deviation and 95% interval over its repeats. */
  points?: SweepPointSummary[];
  /** How many repeats each point was planned with. */
  repeats?: number;
  trials: SweepSummaryRow[];
}
