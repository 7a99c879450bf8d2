import pLimit from 'p-limit';
import type { Trial } from '../plan/plan.js';
import type { RunEvent } from '../types/run-events.js';
import type { TrialExecutor, TrialJob, TrialOutcome } from './executor.js';

export interface SweepOptions {
  /** Trials running at once. */
  readonly parallel: number;
  /** Stop the sweep at the first failed trial. */
  readonly failFast: boolean;
  readonly executor: TrialExecutor;
  readonly jobFor: (trial: Trial) => TrialJob;
  readonly onEvent: (event: RunEvent) => void;
  /** Called as each trial ends, so failures are shown when they happen, not at the end. */
  readonly onTrialDone: (trial: Trial, outcome: TrialOutcome) => void | Promise<void>;
}

/**
 * Runs trials at most `parallel` at a time. One trial failing does not stop the others unless
 * failFast; trials never started after a stop are reported as killed.
 */
export async function runSweep(trials: readonly Trial[], options: SweepOptions): Promise<Map<string, TrialOutcome>> {
  const limit = pLimit(options.parallel);
  const outcomes = new Map<string, TrialOutcome>();
  let stopped = false;
  await Promise.all(
    trials.map((trial) =>
      limit(async () => {
        const outcome: TrialOutcome = stopped
          ? { status: 'killed', error: 'not started: the sweep stopped' }
          : await options.executor.run(options.jobFor(trial), options.onEvent);
        outcomes.set(trial.id, outcome);
        await options.onTrialDone(trial, outcome);
        if (outcome.status === 'failed' && options.failFast && !stopped) {
          stopped = true;
          options.executor.killAll();
        }
      }),
    ),
  );
  return outcomes;
}
