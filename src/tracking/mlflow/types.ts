// The MLflow entities as this client hands them out: camelCase, tags and params as plain
// records. The wire format (snake_case, key/value lists) stays inside wire.ts.

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RunInfo {
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string;
  readonly status: RunStatus;
  readonly startTime?: number;
  readonly endTime?: number;
  /** e.g. `mlflow-artifacts:/1/<runId>/artifacts` on a server that serves artifacts. */
  readonly artifactUri: string;
  readonly lifecycleStage: string;
}

export interface Metric {
  readonly key: string;
  /** NaN and ±Infinity round-trip (they travel as the strings "NaN", "Infinity"). */
  readonly value: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly step: number;
}

export interface RunData {
  /** The latest value of each metric, as MLflow reports it on a run. */
  readonly metrics: readonly Metric[];
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
}

export interface FileInfo {
  /** Relative to the run's artifact root, e.g. `plots/loss.png`. */
  readonly path: string;
  readonly isDir: boolean;
  readonly fileSize?: number;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** A metric to log; `timestamp` defaults to now and `step` to 0. */
export interface MetricInput {
  readonly key: string;
  readonly value: number;
  readonly timestamp?: number;
  readonly step?: number;
}

/** The tag that makes a run the child of another (MLflow's nested runs). */
export const PARENT_RUN_ID_TAG = 'mlflow.parentRunId';
