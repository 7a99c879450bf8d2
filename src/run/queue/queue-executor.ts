import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Trial } from '../../plan/plan.js';
import type { Judge, RunEvent, TrialOutcome } from '../../types/run-events.js';
import type { TrialExecutor, TrialJob } from '../executor.js';
import { QUEUE_NAME, redisConnection } from './connection.js';
import { redact, type QueueAddress } from './redis-url.js';
import { asForwardedEvent } from './forwarded-event.js';
import { asTrialResult, DEFAULT_ATTEMPTS, jobIdFor, type QueuedTrial, type TrialProgress } from './trial-job.js';
import { asReport, sendVerdict, type ReportExpectation } from './verdicts.js';

export interface QueueExecutorOptions {
  readonly address: QueueAddress;
  /** The submitter's runs folder: trial folders are addressed relative to it. */
  readonly runsDir: string;
  /** The sweep's run id. */
  readonly sweep: string;
  /** The submitter's code version, checked by every worker. */
  readonly code: string;
  /** Starts a trial may have in all (lost workers, crashed processes); default 3. */
  readonly attempts?: number;
  /** The trial's run.json as it starts, written by whichever worker runs it. */
  readonly recordFor: (trial: Trial) => Record<string, unknown>;
  /** Trials whose earlier job must not be collected but run again (resume of a failed trial). */
  readonly rerun?: ReadonlySet<string>;
  /** A trial was taken by a worker (`worker` is `host:pid`). */
  readonly onActive?: (trial: string, worker: string) => void;
  /** Warnings (connection lost, ...), already without the password. */
  readonly report: (message: string) => void;
}

interface Follower {
  readonly trial: string;
  /** The trial's stages: a forwarded event must be about one of them. */
  readonly stages: ReadonlySet<string>;
  readonly onEvent: (event: RunEvent) => void;
  readonly resolve: (outcome: TrialOutcome) => void;
  /** A scheduled trial: what its reports must say, and who answers them. */
  readonly scheduled?: { readonly expect: ReportExpectation; readonly judge: Judge };
}

/** A fallback for events lost while Redis restarts: how often followed jobs are looked at. */
const POLL_MS = 2000;
const KEEP_FINISHED_S = 14 * 24 * 3600;

/**
 * Runs trials as jobs on a BullMQ queue: `run` submits the trial (once: the job id is the sweep
 * and trial, so submitting again, or resuming, finds the same job) and follows it until a worker
 * finishes it, forwarding the events the worker reports. The worker writes the trial's folder on
 * the shared runs path; this side only learns the outcome. A submitter may `detach` and another
 * process follow the same jobs later.
 */
export class QueueExecutor implements TrialExecutor {
  private readonly followers = new Map<string, Follower>();
  private readonly poller: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly options: QueueExecutorOptions,
    private readonly connections: readonly Redis[],
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('progress', ({ jobId, data }) => this.onProgress(jobId, data as TrialProgress));
    events.on('completed', ({ jobId }) => void this.check(jobId));
    events.on('failed', ({ jobId }) => void this.check(jobId));
    // Connection errors are reported by the connection itself, once an outage (connection.ts).
    this.poller = setInterval(() => {
      for (const id of this.followers.keys()) void this.check(id);
    }, POLL_MS);
  }

  /** Connects and waits until Redis answers (a clear error, not a hang, if it never does). */
  static async open(options: QueueExecutorOptions, timeoutMs = 15_000): Promise<QueueExecutor> {
    const connection = redisConnection(options.address, options.report);
    // Redis must answer before BullMQ is set up on it: a wrong URL or password is then one clear
    // error at once, with nothing left behind that keeps retrying.
    let timer: NodeJS.Timeout | undefined;
    let onError: ((e: Error) => void) | undefined;
    const failed = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      onError = (e) => reject(e);
      connection.once('error', onError);
    });
    try {
      await Promise.race([connection.ping(), failed]);
    } catch (e) {
      connection.disconnect();
      const why = redact(e instanceof Error ? e.message : String(e), options.address);
      throw new Error(`cannot reach the queue at ${options.address.display}: ${why}`, { cause: e });
    } finally {
      clearTimeout(timer);
      if (onError) connection.off('error', onError);
    }
    const queue = new Queue(QUEUE_NAME, { connection });
    // QueueEvents blocks on its connection: it gets its own. BullMQ leaves connections it was
    // given open on close, so close() ends both.
    const eventsConnection = connection.duplicate();
    // Its errors are the main connection's, which reports them (once, without the password).
    eventsConnection.on('error', () => undefined);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    const quiet = () => undefined;
    queue.on('error', quiet);
    events.on('error', quiet);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueueExecutor(options, [connection, eventsConnection], queue, events);
  }

  run(job: TrialJob, onEvent: (event: RunEvent) => void, judge?: Judge): Promise<TrialOutcome> {
    if (this.closed) return Promise.resolve({ status: 'killed', error: 'the sweep was interrupted' });
    const id = jobIdFor(this.options.sweep, job.trial.id);
    const stage = job.schedule ? job.trial.config.stages[job.schedule.stage] : undefined;
    const scheduled =
      job.schedule && judge && stage && 'train' in stage
        ? { expect: { trial: job.trial.id, stage: job.schedule.stage, epochs: stage.train.epochs }, judge }
        : undefined;
    return new Promise<TrialOutcome>((resolve) => {
      this.followers.set(id, {
        trial: job.trial.id,
        stages: new Set(Object.keys(job.trial.config.stages)),
        onEvent,
        resolve,
        ...(scheduled ? { scheduled } : {}),
      });
      this.submit(id, job).catch((e: unknown) =>
        this.settle(id, {
          status: 'failed',
          error: `could not submit the trial: ${redact(e instanceof Error ? e.message : String(e), this.options.address)}`,
        }),
      );
    });
  }

  private async submit(id: string, job: TrialJob): Promise<void> {
    const existing = await this.queue.getJob(id);
    if (existing) {
      const state = await existing.getState();
      const finished = state === 'completed' || state === 'failed';
      if (!finished || !this.options.rerun?.has(job.trial.id)) return void (await this.check(id));
      await existing.remove();
    }
    const attempts = this.options.attempts ?? DEFAULT_ATTEMPTS;
    const payload: QueuedTrial = {
      format: 1,
      code: this.options.code,
      sweep: this.options.sweep,
      trial: job.trial,
      runPath: path.relative(this.options.runsDir, job.runDir),
      record: this.options.recordFor(job.trial),
      backend: job.backend,
      cache: job.stageCacheDir !== undefined,
      attempts,
      ...(job.schedule ? { schedule: job.schedule } : {}),
    };
    assertNoSecret(payload, this.options.address);
    await this.queue.add('trial', payload, {
      jobId: id,
      // A crashed trial process is thrown, and retried after a short pause; a stalled job (its
      // worker lost) goes back to the queue by BullMQ's stalled check; the worker counts starts.
      attempts,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: KEEP_FINISHED_S },
      removeOnFail: { age: KEEP_FINISHED_S },
    });
    await this.check(id);
  }

  /** Settles a followed job if it has finished. */
  private async check(id: string): Promise<void> {
    if (!this.followers.has(id)) return;
    let job: Job | undefined;
    let state: string;
    try {
      // The state first, then the job: a job read before it ended would lack its outcome.
      state = await this.queue.getJobState(id);
      if (state !== 'completed' && state !== 'failed') return;
      job = await this.queue.getJob(id);
    } catch {
      return; // Redis away: the poll looks again
    }
    if (!job || !this.followers.has(id)) return;
    if (state === 'completed') {
      const result = asTrialResult(job.returnvalue);
      this.settle(id, result ? stripWorker(result) : { status: 'failed', error: 'the worker returned no outcome' });
    } else {
      this.settle(id, {
        status: 'failed',
        error: redact(job.failedReason || 'failed on the queue', this.options.address),
      });
    }
  }

  private onProgress(id: string, data: TrialProgress | undefined): void {
    const follower = this.followers.get(id);
    if (!follower || !data || typeof data !== 'object') return;
    if ('report' in data) void this.answer(id, follower, data.report);
    else if (data.event) {
      const event = asForwardedEvent(data.event, follower.trial, follower.stages);
      if (event.ok) follower.onEvent(event.value);
      else this.options.report(`an event in the progress of ${id} was refused: ${event.error}`);
    } else if (data.worker) this.options.onActive?.(follower.trial, data.worker);
  }

  /**
   * A worker's epoch report, judged by the sweep's scheduler and answered on the report's list.
   * Reports are judged in the order their events arrive; one that is not exactly a report of the
   * trial's scheduled stage is refused (said, and not answered).
   */
  private async answer(id: string, follower: Follower, raw: unknown): Promise<void> {
    const why = (e: string) => this.options.report(`a scheduler report for ${id} was refused: ${e}`);
    if (!follower.scheduled) return why('the trial is not scheduled');
    const report = asReport(raw, follower.scheduled.expect);
    if (!report.ok) return why(report.error);
    const { request, ...epochReport } = report.value;
    try {
      const verdict = await follower.scheduled.judge(epochReport);
      await sendVerdict(this.connections[0]!, id, request, verdict);
    } catch (e) {
      this.options.report(
        `the scheduler could not answer ${id}: ${redact(e instanceof Error ? e.message : String(e), this.options.address)}`,
      );
    }
  }

  private settle(id: string, outcome: TrialOutcome): void {
    const follower = this.followers.get(id);
    if (!follower) return;
    this.followers.delete(id);
    follower.resolve(outcome);
  }

  /**
   * --fail-fast: trials not yet taken by a worker are taken off the queue; trials already running
   * on a worker cannot be stopped from here and are followed to their end.
   */
  killAll(): void {
    for (const id of [...this.followers.keys()]) {
      void (async () => {
        const job = await this.queue.getJob(id).catch(() => undefined);
        const state = job ? await job.getState().catch(() => 'unknown') : 'unknown';
        if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) {
          await job.remove().catch(() => undefined);
          this.settle(id, { status: 'killed', error: 'not started: the sweep stopped' });
        }
      })();
    }
  }

  /** Stops following: every trial stays on the queue (`aelab resume` follows them again). */
  detach(): void {
    this.closed = true;
    for (const id of [...this.followers.keys()])
      this.settle(id, { status: 'killed', error: 'detached: the trial stays on the queue' });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    for (const c of this.connections) c.disconnect();
  }
}

function stripWorker(result: NonNullable<ReturnType<typeof asTrialResult>>): TrialOutcome {
  const { worker: _worker, ...outcome } = result;
  return outcome;
}

/** A job's data goes to Redis and to anyone who can read it: never a credential. */
function assertNoSecret(payload: QueuedTrial, address: QueueAddress): void {
  if (address.password && JSON.stringify(payload).includes(address.password)) {
    throw new Error('bug: a trial payload would carry the Redis password');
  }
}
