import os from 'node:os';
import path from 'node:path';
import { explicitWasmThreads } from '../../backend/threads.js';
import { codeVersion } from '../../plan/code-version.js';
import { QueueWorker } from '../../run/queue/queue-worker.js';
import { parseQueueUrl, QUEUE_ENV, redact } from '../../run/queue/redis-url.js';
import { RunFolderWriter, type RunRecord } from '../../run-store/index.js';

export interface WorkerOptions {
  /** --queue; else AELAB_QUEUE. */
  readonly queue?: string;
  readonly runsDir: string;
  /** Trials at once (default: one per core, see defaultWorkerConcurrency). */
  readonly concurrency?: number;
  /** Seconds without a lock renewal before a job counts as stalled (default 30). */
  readonly stallTimeoutS?: number;
  /** Seconds a running trial gets to finish after SIGTERM before it is handed back (default 60). */
  readonly graceS?: number;
  /** Seconds a scheduled trial waits for the scheduler's verdict on an epoch (default 300). */
  readonly verdictTimeoutS?: number;
}

/**
 * A worker's default share of the machine: one trial per core, one wasm thread each, since
 * trials, not threads, are what fill the cores (docs/performance.md, "Why one thread per trial").
 */
export const defaultWorkerConcurrency = (): number => os.availableParallelism();

/** `aelab worker --queue redis://HOST:PORT`: takes trials from the queue until SIGTERM. */
export async function workerCommand(opts: WorkerOptions): Promise<number> {
  const typed = opts.queue ?? process.env[QUEUE_ENV];
  if (!typed) {
    process.stderr.write(`error: worker needs --queue redis://HOST:PORT (or ${QUEUE_ENV})\n`);
    return 2;
  }
  const parsed = parseQueueUrl(typed);
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\n`);
    return 2;
  }
  const address = parsed.value;
  const threads = explicitWasmThreads();
  if (!threads.ok) {
    process.stderr.write(`error: ${threads.error}\n`);
    return 2;
  }
  const concurrency = opts.concurrency ?? defaultWorkerConcurrency();
  const wasmThreads = threads.value ?? 1;
  const runsDir = path.resolve(opts.runsDir);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${redact(line, address, typed)}\n`);

  const worker = await QueueWorker.start({
    address,
    runsDir,
    concurrency,
    wasmThreads,
    ...(opts.stallTimeoutS !== undefined ? { stallTimeoutMs: opts.stallTimeoutS * 1000 } : {}),
    ...(opts.verdictTimeoutS !== undefined ? { verdictTimeoutMs: opts.verdictTimeoutS * 1000 } : {}),
    openTrialFolder: (dir, record, config) => RunFolderWriter.create(dir, record as unknown as RunRecord, config),
    log,
  });
  log(
    `worker ${worker.name}: taking trials from ${address.display}, ${concurrency} at a time, ${wasmThreads} wasm thread${wasmThreads === 1 ? '' : 's'} each; runs in ${runsDir}; code ${await codeVersion()}`,
  );

  const graceMs = (opts.graceS ?? 60) * 1000;
  let signals = 0;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      signals++;
      if (signals === 1) {
        log(
          `${signal}: taking no more trials; running ones get ${graceMs / 1000} s to finish, then go back to the queue`,
        );
        void worker.stop(graceMs).then(resolve);
        // Closing needs Redis; if it is away, the trials are handed back by the stalled check
        // on another worker, and this one goes anyway.
        setTimeout(() => {
          log(
            'could not close cleanly (is the queue reachable?); leaving, the queue hands the trials to other workers',
          );
          process.exit(1);
        }, graceMs + 15_000).unref();
      } else if (signals > 2) {
        log(`${signal} a third time: leaving now`);
        process.exit(1);
      } else {
        log(`${signal} again: handing the running trials back to the queue now`);
        worker.handBack();
      }
    };
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
  });
  await stopped;
  log(`worker ${worker.name}: stopped`);
  return 0;
}
