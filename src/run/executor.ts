import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Trial } from '../plan/plan.js';
import type { EpochReport, Judge, RunEvent, TrialOutcome, Verdict } from '../types/run-events.js';

/**
 * Everything a trial needs, as plain data: a trial can be handed to another process (or, later,
 * another machine through a queue) as it is, and its outputs are addressed by path.
 */
export interface TrialJob {
  readonly trial: Trial;
  readonly runDir: string;
  /** The experiment file's folder: relative data paths resolve against it. */
  readonly experimentDir: string;
  readonly dataCacheDir: string;
  /** The stage cache's folder; absent with --no-cache. */
  readonly stageCacheDir?: string;
  /** The backend the parent chose (never `auto`, so that every trial computes alike). */
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  /** Threads for the wasm backend: the trial's share of the cores when trials run in parallel. */
  readonly wasmThreads?: number;
  /** Modules that define stage types outside the registry's list (`registerStageType`): imported first. */
  readonly stageModules?: readonly string[];
  /** A sweep's scheduler watches this stage's metric: the trial asks its judge after each epoch. */
  readonly schedule?: { readonly stage: string; readonly metric: string };
}

export type { TrialOutcome };

/** Runs trials somewhere: local child processes (LocalProcessExecutor) or jobs on a Redis queue (queue/). */
export interface TrialExecutor {
  /** `judge` answers the trial's epoch reports when `job.schedule` is set. */
  run(job: TrialJob, onEvent: (event: RunEvent) => void, judge?: Judge): Promise<TrialOutcome>;
  /** Stops every running trial; their run() calls resolve as killed. */
  killAll(): void;
}

/** Messages from a trial worker to its parent. */
export type WorkerMessage =
  | { readonly kind: 'event'; readonly event: RunEvent }
  | { readonly kind: 'judge'; readonly report: EpochReport }
  | { readonly kind: 'done'; readonly outcome: TrialOutcome };

/** Messages from the parent to a trial worker: the job, then the verdicts it asks for, in order. */
export type ParentMessage =
  { readonly kind: 'job'; readonly job: TrialJob } | { readonly kind: 'verdict'; readonly verdict: Verdict };

const WORKER = fileURLToPath(new URL('./trial-worker.js', import.meta.url));

/**
 * One child process per trial: a Node process trains one model at a time, so parallel trials
 * need processes to use more than one core. Events stream back over the IPC channel.
 */
export class LocalProcessExecutor implements TrialExecutor {
  private readonly children = new Set<ChildProcess>();
  private killing = false;

  run(job: TrialJob, onEvent: (event: RunEvent) => void, judge?: Judge): Promise<TrialOutcome> {
    if (this.killing) return Promise.resolve({ status: 'killed', error: 'interrupted' });
    return new Promise((resolve) => {
      const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'advanced' });
      this.children.add(child);
      let outcome: TrialOutcome | undefined;
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      const tell = (message: ParentMessage) => {
        if (child.connected) child.send(message);
      };
      child.on('message', (message: WorkerMessage) => {
        if (message.kind === 'event') onEvent(message.event);
        else if (message.kind === 'judge') {
          // A trial asks only with a schedule; without a judge it is told to go on.
          const asked = judge ? judge(message.report) : Promise.resolve<Verdict>({ decision: 'continue' });
          asked.then(
            (verdict) => tell({ kind: 'verdict', verdict }),
            (e: unknown) => {
              stderr += `the scheduler failed: ${e instanceof Error ? e.message : String(e)}`;
              child.kill('SIGKILL');
            },
          );
        } else outcome = message.outcome;
      });
      child.on('exit', (code, signal) => {
        this.children.delete(child);
        if (outcome) return resolve(outcome);
        // Ctrl-C reaches the whole process group: the trial may die of it before this process hears.
        if (this.killing || signal === 'SIGINT' || signal === 'SIGTERM')
          return resolve({ status: 'killed', error: 'interrupted' });
        const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolve({
          status: 'failed',
          error: `trial process ${why}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
        });
      });
      tell({ kind: 'job', job });
    });
  }

  /**
   * SIGKILL, not SIGTERM: a trial's signal handlers (signal-exit, loaded with proper-lockfile) run
   * only when its event loop is free, which training may not let happen for minutes. A trial
   * leaves nothing a kill can harm: its files are written atomically, and the locks of a dead
   * process are taken over.
   */
  killAll(): void {
    this.killing = true;
    for (const child of this.children) child.kill('SIGKILL');
  }
}
