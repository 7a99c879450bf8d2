import type { Trial } from '../../plan/plan.js';
import type { RunEvent, TrialOutcome } from '../../types/run-events.js';
import type { QueuedReport } from './verdicts.js';

/**
 * A trial as a job on the queue: plain data, no secrets (no Redis or MLflow credentials, no
 * absolute paths of the submitter's machine). Paths are relative to the runs folder, which every
 * worker mounts wherever it likes and names with `--runs`.
 */
export interface QueuedTrial {
  /** The payload's shape; a worker refuses shapes it does not know. */
  readonly format: 1;
  /** The submitter's `codeVersion()`: a worker running other code refuses the job. */
  readonly code: string;
  /** The sweep's run id (its folder under runs/). */
  readonly sweep: string;
  readonly trial: Trial;
  /** The trial's folder, relative to the runs folder: `<sweep>/trials/<trial>`. */
  readonly runPath: string;
  /** The trial's run.json as it starts (kind, parent, assignment, seed, ...). */
  readonly record: Readonly<Record<string, unknown>>;
  /** The backend the submitter chose; the fingerprints (and so the cache) depend on it. */
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  /** Use and fill the stage cache under `<runs>/.cache/stages` (false with --no-cache). */
  readonly cache: boolean;
  /** How many times the trial may be started in all (a lost worker, a crashed process). */
  readonly attempts: number;
  /** A sweep's scheduler watches this stage's metric: the worker reports each epoch and waits for the verdict. */
  readonly schedule?: { readonly stage: string; readonly metric: string };
}

/** What a worker reports while a job runs (BullMQ job progress). */
export type TrialProgress = { readonly worker: string; readonly event?: RunEvent; readonly report?: QueuedReport };

/** What a job returns: the trial's own outcome. A trial that fails on its own is a returned failure, not a thrown one, so BullMQ does not retry it. */
export type TrialResult = TrialOutcome & { readonly worker: string };

/** Starts a trial may have in all, unless --attempts says otherwise. */
export const DEFAULT_ATTEMPTS = 3;

/** BullMQ job ids may not contain ':'; a sweep id and a trial id never do. */
export const jobIdFor = (sweep: string, trial: string): string => `${sweep}/${trial}`;

/** Why a worker must not run this job, or undefined if it may. */
export function refusal(job: QueuedTrial, ownCode: string, worker: string): string | undefined {
  if ((job as { format?: unknown }).format !== 1) {
    return `worker ${worker} does not understand this job (format ${String((job as { format?: unknown }).format)}); upgrade the worker`;
  }
  if (job.code !== ownCode) {
    return `worker ${worker} runs aelab code ${ownCode}, but the sweep was submitted with ${job.code}: it refuses the trial rather than compute different results; run the same aelab build (same version and compiled code) on the submitter and every worker`;
  }
  return undefined;
}

/** A finished job's return value, checked: BullMQ stores it as JSON and gives it back as parsed. */
export function asTrialResult(value: unknown): TrialResult | undefined {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { status?: unknown; error?: unknown; worker?: unknown };
  const worker = typeof v.worker === 'string' ? v.worker : '?';
  if (v.status === 'finished') return { status: 'finished', worker };
  if (v.status === 'stopped') {
    const s = (v as { stopped?: unknown }).stopped as Record<string, unknown> | undefined;
    if (!s || typeof s !== 'object') return undefined;
    const { stage, epoch, reason } = s;
    if (typeof stage !== 'string' || typeof reason !== 'string') return undefined;
    if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 1) return undefined;
    return { status: 'stopped', stopped: { stage, epoch, reason }, worker };
  }
  if (v.status === 'failed' || v.status === 'killed')
    return { status: v.status, error: typeof v.error === 'string' ? v.error : 'no error recorded', worker };
  return undefined;
}
