/**
 * What a run tells the world while it works. The runner emits these to a callback and knows
 * nothing of who listens: the terminal progress, the local run store and MLflow all consume the
 * same stream. Every event is plain serialisable data, so a trial in a child process can send its
 * events to the parent as they are.
 */

export interface EnvironmentInfo {
  readonly backend: string;
  /** The backend's compute threads, where it reports them (wasm). */
  readonly threads?: number;
  readonly aelab: string;
  readonly node: string;
  readonly tfjs: string;
  readonly platform: string;
  readonly gitCommit?: string;
  readonly hostname: string;
}

export type RunEvent =
  | {
      readonly type: 'run_started';
      readonly time: number;
      readonly trial: string;
      readonly params: Readonly<Record<string, unknown>>;
      readonly environment: EnvironmentInfo;
    }
  | {
      readonly type: 'stage_started';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly fingerprint: string;
    }
  | {
      readonly type: 'batch';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly batch: number;
      readonly batches: number;
      readonly loss: number;
    }
  | {
      readonly type: 'epoch';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly metrics: Readonly<Record<string, number>>;
      readonly seconds: number;
      /** Replayed from the stage cache, not trained now. */ readonly cached?: boolean;
    }
  | {
      readonly type: 'artifact';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly path: string;
      readonly description: string;
    }
  | {
      readonly type: 'stage_finished';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly metrics: Readonly<Record<string, number>>;
      readonly seconds: number;
      readonly cached: boolean;
    }
  | {
      readonly type: 'stage_failed';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly error: string;
    }
  /** A scheduler (ASHA) ended the stage's training at an epoch: the trial stops there, not failed. */
  | {
      readonly type: 'stage_stopped';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly reason: string;
    }
  | {
      readonly type: 'stage_skipped';
      readonly time: number;
      readonly trial: string;
      readonly stage: string;
      readonly reason: string;
    }
  /** A data set the trial read: what MLflow shows in its Dataset column. */
  | {
      readonly type: 'dataset';
      readonly time: number;
      readonly trial: string;
      readonly dataset: DatasetRecord;
    }
  /** Something the user should know that does not stop the run (a corrupt cache entry evicted). */
  | {
      readonly type: 'warning';
      readonly time: number;
      readonly trial: string;
      readonly stage?: string;
      readonly message: string;
    }
  | {
      readonly type: 'run_finished';
      readonly time: number;
      readonly trial: string;
      readonly status: 'finished' | 'failed' | 'killed' | 'stopped';
      readonly error?: string;
    };

export type Emit = (event: RunEvent) => void;

/** A data set as a run used it: its name in the experiment, aelab's identity of its bytes and split, where it came from. */
export interface DatasetRecord {
  readonly name: string;
  /** The data set's content and how it was split (what the stage cache keys on). */
  readonly identity: string;
  /** Where the bytes came from, e.g. `mnist`, `idx:/usr/share/datasets/fashion-mnist`, a URL. */
  readonly source: string;
  readonly train: number;
  readonly test: number;
  /** Training images held out as the validation split (`data.<set>.validation`), when there is one. */
  readonly validation?: number;
}

/** Distributes omitted fields: `Emit` for callers that fill in `time` and `trial` once. */
export type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'time' | 'trial'> : never) : never;

/** How a trial ended: said by the trial itself, or by its parent when its process died. */
export type TrialOutcome =
  | { readonly status: 'finished' }
  | { readonly status: 'failed' | 'killed'; readonly error: string }
  | { readonly status: 'stopped'; readonly stopped: StopRecord };

/** Where a scheduler stopped a trial: the stage, the epoch it reached, and why. */
export interface StopRecord {
  readonly stage: string;
  readonly epoch: number;
  readonly reason: string;
}

/** What a trial tells a scheduler at the end of an epoch of the scheduled stage. */
export interface EpochReport {
  readonly trial: string;
  readonly stage: string;
  readonly epoch: number;
  readonly value: number;
}

/** A scheduler's answer to an epoch report; `reason` says why a trial stops. */
export type Verdict = { readonly decision: 'continue' } | { readonly decision: 'stop'; readonly reason: string };

/** Asks the sweep's scheduler about an epoch; answered in the order the reports arrive. */
export type Judge = (report: EpochReport) => Promise<Verdict>;

/** The metric a sweep's best trial is chosen by. */
export interface Objective {
  readonly key: string;
  readonly maximize: boolean;
}

/** How a run was asked for: stored with a sweep so that `aelab resume` can continue it as it was. */
export interface RunSettings {
  readonly experimentFile: string;
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  readonly parallel: number;
  readonly failFast: boolean;
  readonly cache: boolean;
  /**
   * A sweep whose trials went to a job queue: the queue's URL without credentials (they come
   * from the environment again on resume), and how many starts a trial may have.
   */
  readonly queue?: { readonly url: string; readonly attempts: number };
}

/** A run or a sweep about to start: what the session knows before any trial runs. */
export interface RunStart {
  readonly id: string;
  /** The run's folder (a sweep's parent folder). */
  readonly dir: string;
  readonly name: string;
  readonly seed: number;
  readonly sweep: boolean;
  readonly settings: RunSettings;
  readonly environment: EnvironmentInfo;
  /** The resolved experiment, as config.json keeps it. */
  readonly config: unknown;
  /** Every trial of the plan, in plan order (also those a resumed sweep will not run again). */
  readonly trials: readonly TrialOfPlan[];
  /** For a sweep: how its best trial is chosen. */
  readonly objective?: Objective;
}

/** A trial as the plan lists it: the point it belongs to, and which repeat of it (`sweep.repeats`). */
export interface TrialOfPlan {
  readonly id: string;
  readonly assignment: Readonly<Record<string, unknown>>;
  /** Index of the sweep point (its distinct assignment); absent in records written before repeats. */
  readonly point?: number;
  /** Which repeat of the point: repeat k of every point has the same seed. */
  readonly repeat?: number;
  readonly seed?: number;
}

/** One trial about to run (a single run is one trial): its folder and what its record starts with. */
export interface TrialStart {
  /** The trial's id in its events (`t000`...). */
  readonly trial: string;
  /** The run's id (a sweep's id for its trials). */
  readonly runId: string;
  readonly dir: string;
  /** The sweep's folder, for a trial of a sweep. */
  readonly sweepDir?: string;
  readonly name: string;
  readonly seed: number;
  readonly experimentFile: string;
  /** The swept settings of a sweep's trial. */
  readonly assignment?: Readonly<Record<string, unknown>>;
  /** A sweep's trial: its point and which repeat of it. */
  readonly point?: number;
  readonly repeat?: number;
  readonly config: unknown;
}

/** A run or sweep that has ended. */
export interface RunEnd {
  readonly id: string;
  readonly dir: string;
  readonly name: string;
  readonly sweep: boolean;
  readonly status: 'finished' | 'failed' | 'killed';
  /** Seconds this session ran (a resumed sweep adds them to the time it had). */
  readonly seconds: number;
}

/**
 * What listens to a session (hooks, as in kedro): the run store, progress output, MLflow and the
 * report each implement the calls they need; the session calls every listener in the order it was
 * given them and awaits the calls that return a promise, so a later listener sees what an earlier
 * one wrote.
 */
export interface RunListener {
  /** Before any trial runs. */
  onRunStarted?(run: RunStart): void | Promise<void>;
  /** Before the trial's first event. */
  onTrialStarted?(trial: TrialStart): void | Promise<void>;
  /** Every event, in order, as it happens. Must not throw: the run goes on whoever listens. */
  onEvent?(event: RunEvent, trial: TrialStart): void;
  /** A queued trial was taken by a worker (`host:pid`), which writes its folder. */
  onTrialTaken?(trial: TrialStart, worker: string): void | Promise<void>;
  /** A trial ended (for a trial whose process died, without a run_finished event of its own). */
  onTrialFinished?(trial: TrialStart, outcome: TrialOutcome): void | Promise<void>;
  /** The run or sweep has ended and every trial has finished. */
  onRunFinished?(run: RunEnd): void | Promise<void>;
  /** Ctrl-C or SIGTERM, the first time. */
  onInterrupted?(): void | Promise<void>;
}
