import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { codeVersion } from '../../plan/code-version.js';
import type { EpochReport, Judge, RunEvent, TrialOutcome, Verdict } from '../../types/run-events.js';
import { LocalProcessExecutor, type TrialJob } from '../executor.js';
import { QUEUE_NAME, redisConnection } from './connection.js';
import { redact, type QueueAddress } from './redis-url.js';
import { workerTrial } from './job-plan.js';
import { trialFolder } from './trial-folder.js';
import { jobIdFor, refusal, type QueuedTrial, type TrialProgress, type TrialResult } from './trial-job.js';
import { awaitVerdict, checkedSchedule, newRequest, queuedReport, verdictKey } from './verdicts.js';

/** A trial's run folder as the worker keeps it: the run store's writer, handed in by the CLI. */
export interface TrialFolder {
  readonly onEvent: (event: RunEvent) => void;
  flush(): Promise<void>;
}

export interface QueueWorkerOptions {
  readonly address: QueueAddress;
  /** This machine's mount of the shared runs folder. */
  readonly runsDir: string;
  /** Trials at once on this worker. */
  readonly concurrency: number;
  /** wasm threads of each trial process. */
  readonly wasmThreads: number;
  /** Shown on the queue and in each trial's run.json: `host:pid` by default. */
  readonly name?: string;
  /**
   * A worker that stops renewing a job's lock for this long (killed, machine lost) has its job
   * handed to another worker; the check runs as often. BullMQ's default is 30 s.
   */
  readonly stallTimeoutMs?: number;
  /**
   * How long a scheduled trial waits for the scheduler's verdict on an epoch; without one (the
   * submitter gone) it trains on unscheduled. Default 5 minutes.
   */
  readonly verdictTimeoutMs?: number;
  readonly openTrialFolder: (dir: string, record: Record<string, unknown>, config: unknown) => Promise<TrialFolder>;
  /** One line per thing that happens (trial taken, finished, refused); never the password. */
  readonly log: (line: string) => void;
}

type JobData = QueuedTrial & { readonly handedBack?: number };

/**
 * Takes trials from the queue and runs each in a child process, exactly as the local executor
 * does (same trial process, same events), writing the trial's folder on the shared runs path.
 * A trial that fails on its own (a NaN loss, a bad setting) is returned as failed and not retried;
 * a trial process that dies without ending its trial is thrown, so BullMQ retries it; a worker
 * that is lost leaves its job to the stalled check, and another worker takes it up. Each start
 * replaces the partial folder of an earlier one.
 */
export class QueueWorker {
  private readonly executor = new LocalProcessExecutor();
  private handingBack = false;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly options: QueueWorkerOptions,
    readonly name: string,
    private readonly code: string,
    private readonly connection: Redis,
    private readonly worker: Worker,
  ) {}

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const name = options.name ?? `${os.hostname()}:${process.pid}`;
    const code = await codeVersion();
    const connection = redisConnection(options.address, options.log);
    const stall = options.stallTimeoutMs ?? 30_000;
    const ref: { self?: QueueWorker } = {};
    const worker = new Worker(QUEUE_NAME, (job: Job<JobData>, token?: string) => ref.self!.process(job, token), {
      connection,
      name,
      concurrency: options.concurrency,
      lockDuration: stall,
      stalledInterval: stall,
      // Starts are counted per job against its own `attempts` (see process); BullMQ's own
      // limit on stalls only has to be out of the way.
      maxStalledCount: 1000,
      autorun: false,
    });
    // The same error repeats on every retry while Redis is away: said once a minute at most.
    const said = new Map<string, number>();
    worker.on('error', (e: Error) => {
      const message = redact(e.message, options.address);
      if (Date.now() - (said.get(message) ?? 0) < 60_000) return;
      said.set(message, Date.now());
      options.log(`queue error: ${message}`);
    });
    const self = new QueueWorker(options, name, code, connection, worker);
    ref.self = self;
    await worker.waitUntilReady();
    void worker.run();
    return self;
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<TrialResult> {
    const data = job.data;
    const label = `${data.sweep ?? '?'} ${data.trial?.id ?? '?'}`;
    const refused = refusal(data, this.code, this.name);
    if (refused) {
      this.options.log(`${label}: refused: ${refused}`);
      throw new UnrecoverableError(refused);
    }
    const handedBack = data.handedBack ?? 0;
    const starts = job.attemptsStarted - handedBack;
    if (starts > data.attempts) {
      const why = `trial ${data.trial.id} was started ${starts - 1} times and never finished (its worker was lost or its process died each time); attempts: ${data.attempts}`;
      this.options.log(`${label}: giving up: ${why}`);
      throw new UnrecoverableError(why);
    }
    const folder0 = await trialFolder(this.options.runsDir, data);
    if (!folder0.ok && folder0.finished) {
      // A job that comes back after its trial finished: Redis lost the worker's lock (a restart)
      // before the result reached it. The trial is done; running it again would replace its folder.
      this.options.log(`${label}: ${folder0.error}`);
      return { status: 'finished', worker: this.name };
    }
    if (!folder0.ok) {
      this.options.log(`${label}: refused: ${folder0.error}`);
      throw new UnrecoverableError(folder0.error);
    }
    // Checked before anything is written: a job the worker would not plan itself ends here.
    const own = await workerTrial(data, this.options.runsDir);
    if (!own.ok) {
      const why = `the job is refused: ${own.error}`;
      this.options.log(`${label}: refused: ${why}`);
      throw new UnrecoverableError(why);
    }
    const schedule = checkedSchedule(data.schedule, own.value);
    if (!schedule.ok) {
      const why = `the job is refused: ${schedule.error}`;
      this.options.log(`${label}: refused: ${why}`);
      throw new UnrecoverableError(why);
    }
    const dir = folder0.dir;
    this.options.log(`${label}: started (attempt ${starts} of ${data.attempts})`);

    // An earlier start of this trial (a lost worker, a crash) may have left a partial folder.
    if (folder0.replace) await rm(dir, { recursive: true, force: true });
    const record = {
      ...data.record,
      // Who the folder belongs to comes from the checked ids, never from the job's record.
      id: `${data.sweep}/${data.trial.id}`,
      kind: 'trial',
      parent: data.sweep,
      trial: data.trial.id,
      status: 'running',
      start_time: new Date().toISOString(),
      worker: this.name,
      attempt: starts,
    };
    const folder = await this.options.openTrialFolder(dir, record, own.value.config);
    let reported: Promise<unknown> = job
      .updateProgress({ worker: this.name } satisfies TrialProgress)
      .catch(() => undefined);
    const report = (progress: TrialProgress) => {
      reported = reported.then(() => job.updateProgress(progress)).catch(() => undefined);
    };

    const trialJob: TrialJob = {
      trial: own.value,
      runDir: dir,
      experimentDir: process.cwd(),
      dataCacheDir: path.join(this.options.runsDir, '.cache', 'data'),
      ...(data.cache ? { stageCacheDir: path.join(this.options.runsDir, '.cache', 'stages') } : {}),
      backend: data.backend,
      wasmThreads: this.options.wasmThreads,
      ...(schedule.value ? { schedule: { stage: schedule.value.stage, metric: schedule.value.metric } } : {}),
    };
    let ended = false;
    const onEvent = (event: RunEvent) => {
      folder.onEvent(event);
      if (event.type === 'run_finished') ended = true;
      // Batches are many and only drive a terminal's bar: they stay on this machine.
      if (event.type !== 'batch') report({ worker: this.name, event });
    };
    const asking = schedule.value ? this.askingSubmitter(job, label, onEvent, report) : undefined;
    let outcome: TrialOutcome;
    try {
      outcome = await this.executor.run(trialJob, onEvent, asking?.judge);
    } finally {
      asking?.close();
    }
    await reported;

    if (outcome.status === 'killed' && this.handingBack) {
      folder.onEvent({
        type: 'run_finished',
        time: Date.now(),
        trial: data.trial.id,
        status: 'killed',
        error: `handed back to the queue by ${this.name}, which was stopping`,
      });
      await folder.flush().catch(() => undefined);
      await job.updateData({ ...data, handedBack: handedBack + 1 });
      await job.moveToWait(token);
      this.options.log(`${label}: handed back to the queue`);
      throw new WaitingError();
    }
    if (!ended) {
      // The trial process died without ending its trial (a crash, a kill, out of memory): not
      // the trial's own failure, so BullMQ may retry it.
      const error =
        outcome.status === 'failed' || outcome.status === 'killed'
          ? outcome.error
          : 'the trial process ended without a result';
      folder.onEvent({ type: 'run_finished', time: Date.now(), trial: data.trial.id, status: 'failed', error });
      await folder.flush().catch(() => undefined);
      this.options.log(`${label}: trial process lost: ${error}`);
      throw new Error(error);
    }
    await folder.flush();
    this.options.log(
      `${label}: ${outcome.status}${outcome.status === 'failed' || outcome.status === 'killed' ? `: ${outcome.error.split('\n')[0]}` : ''}`,
    );
    return { ...outcome, worker: this.name };
  }

  /**
   * The judge of a scheduled trial on this worker: each report goes to the submitter as the job's
   * progress, and the verdict is awaited on the report's own list. Without a verdict in time the
   * submitter is taken to be gone: the trial trains on to its end unscheduled, and its log says so.
   */
  private askingSubmitter(
    job: Job<JobData>,
    label: string,
    onEvent: (event: RunEvent) => void,
    report: (progress: TrialProgress) => void,
  ): { judge: Judge; close(): void } {
    const timeoutMs = this.options.verdictTimeoutMs ?? 300_000;
    // BLPOP blocks its connection: the trial waits on one of its own.
    const waiting = this.connection.duplicate();
    waiting.on('error', () => undefined);
    const jobId = jobIdFor(job.data.sweep, job.data.trial.id);
    const warn = (message: string, stage: string) => {
      this.options.log(`${label}: ${message}`);
      onEvent({ type: 'warning', time: Date.now(), trial: job.data.trial.id, stage, message });
    };
    let unscheduled = false;
    const judge = async (epochReport: EpochReport): Promise<Verdict> => {
      if (unscheduled) return { decision: 'continue' };
      const request = newRequest();
      const send = () => report({ worker: this.name, report: queuedReport(epochReport, request) });
      send();
      const verdict = await awaitVerdict(
        waiting,
        verdictKey(jobId, request),
        timeoutMs,
        (why) => warn(why, epochReport.stage),
        send,
      ).catch((e: unknown) => {
        warn(
          `no verdict: ${redact(e instanceof Error ? e.message : String(e), this.options.address)}`,
          epochReport.stage,
        );
        return undefined;
      });
      if (verdict) return verdict;
      unscheduled = true;
      warn(
        `no verdict from the sweep's scheduler on epoch ${epochReport.epoch} within ${timeoutMs / 1000} s (the submitter is gone?): the trial trains on to its end without the scheduler`,
        epochReport.stage,
      );
      return { decision: 'continue' };
    };
    return { judge, close: () => waiting.disconnect() };
  }

  /**
   * Stops taking trials; running ones get `graceMs` to finish, then are stopped and handed back
   * to the queue (their start does not count against their attempts). Resolves once closed.
   */
  stop(graceMs: number): Promise<void> {
    this.stopping ??= (async () => {
      const timer = setTimeout(() => this.handBack(), graceMs);
      try {
        await this.worker.close();
      } finally {
        clearTimeout(timer);
        this.connection.disconnect();
      }
    })();
    return this.stopping;
  }

  /** Stops the running trials now and hands them back (a second SIGTERM, or the grace is over). */
  handBack(): void {
    this.handingBack = true;
    this.executor.killAll();
  }
}
