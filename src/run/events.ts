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
  | { readonly type: 'run_started'; readonly time: number; readonly trial: string; readonly params: Readonly<Record<string, unknown>>; readonly environment: EnvironmentInfo }
  | { readonly type: 'stage_started'; readonly time: number; readonly trial: string; readonly stage: string; readonly fingerprint: string }
  | { readonly type: 'batch'; readonly time: number; readonly trial: string; readonly stage: string; readonly epoch: number; readonly epochs: number; readonly batch: number; readonly batches: number; readonly loss: number }
  | { readonly type: 'epoch'; readonly time: number; readonly trial: string; readonly stage: string; readonly epoch: number; readonly epochs: number; readonly metrics: Readonly<Record<string, number>>; readonly seconds: number; /** Replayed from the stage cache, not trained now. */ readonly cached?: boolean }
  | { readonly type: 'artifact'; readonly time: number; readonly trial: string; readonly stage: string; readonly path: string; readonly description: string }
  | { readonly type: 'stage_finished'; readonly time: number; readonly trial: string; readonly stage: string; readonly metrics: Readonly<Record<string, number>>; readonly seconds: number; readonly cached: boolean }
  | { readonly type: 'stage_failed'; readonly time: number; readonly trial: string; readonly stage: string; readonly error: string }
  | { readonly type: 'stage_skipped'; readonly time: number; readonly trial: string; readonly stage: string; readonly reason: string }
  /** Something the user should know that does not stop the run (a corrupt cache entry evicted). */
  | { readonly type: 'warning'; readonly time: number; readonly trial: string; readonly stage?: string; readonly message: string }
  | { readonly type: 'run_finished'; readonly time: number; readonly trial: string; readonly status: 'finished' | 'failed' | 'killed'; readonly error?: string };

export type Emit = (event: RunEvent) => void;

/** Distributes omitted fields: `Emit` for callers that fill in `time` and `trial` once. */
export type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'time' | 'trial'> : never) : never;
