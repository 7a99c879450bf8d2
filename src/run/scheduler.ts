/**
 * The sweep's scheduler as the session runs it: one ASHA state for the whole sweep, in the
 * process that submits the trials, asked by every trial after each epoch of the scheduled stage.
 * Reports are answered one at a time in the order they arrive, and every decision is written to
 * the sweep's folder (scheduler.json) before the trial hears it, so that the log is the truth a
 * resumed sweep and the report go on from.
 */
import { Asha, stopReason, type AshaSettings } from '../plan/asha.js';
import type { Trial } from '../plan/plan.js';
import { readSchedulerState, SCHEDULER_FILE, writeSchedulerState } from '../run-store/index.js';
import type { SchedulerConfig } from '../types/experiment-config.js';
import type { EpochReport, Verdict } from '../types/run-events.js';
import { metricDirection } from '../util/metric-direction.js';

export class SweepScheduler {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly asha: Asha,
    private readonly sweepDir: string,
  ) {}

  get stage(): string {
    return this.asha.settings.stage;
  }

  get metric(): string {
    return this.asha.settings.metric;
  }

  /** The settings the sweep's scheduler runs with: the config's, its budget the largest of the trials' epochs. */
  static settings(config: SchedulerConfig, trials: readonly Trial[]): AshaSettings {
    const epochs = trials.map((t) => {
      const stage = t.config.stages[config.stage];
      return stage && 'train' in stage ? stage.train.epochs : 0;
    });
    return {
      stage: config.stage,
      metric: config.metric,
      mode: config.mode ?? metricDirection(config.metric),
      min_epochs: config.min_epochs,
      reduction_factor: config.reduction_factor,
      max_epochs: Math.max(0, ...epochs),
    };
  }

  /**
   * The sweep's scheduler: a new one, or on resume the one its folder logged, replayed. A log
   * with other settings than the sweep's, or whose decisions do not replay from its values, is
   * refused rather than trusted.
   */
  static async open(sweepDir: string, settings: AshaSettings): Promise<SweepScheduler> {
    const state = await readSchedulerState(sweepDir);
    if (!state) return new SweepScheduler(new Asha(settings), sweepDir);
    const file = `${sweepDir}/${SCHEDULER_FILE}`;
    if (JSON.stringify(state.settings) !== JSON.stringify(settings))
      throw new Error(`${file} was written with other scheduler settings than the sweep's`);
    const asha = Asha.fromJSON(state);
    if (asha.log.map((r) => r.decision).join() !== state.log.map((r) => r.decision).join())
      throw new Error(`${file}: its decisions do not replay from its values (it was changed by hand)`);
    return new SweepScheduler(asha, sweepDir);
  }

  /** A trial's report: the decision, written to the log before it is returned. */
  readonly judge = async (report: EpochReport): Promise<Verdict> => {
    if (report.stage !== this.stage) return { decision: 'continue' };
    // A trial started again after its decision (its queue worker lost) hears the logged stop again.
    const stop = this.asha.log.find((r) => r.trial === report.trial && r.decision === 'stop' && r.rung <= report.epoch);
    if (stop) return { decision: 'stop', reason: stopReason(stop, this.asha.settings) };
    const record = this.asha.judge(report.trial, report.epoch, report.value);
    if (!record) return { decision: 'continue' };
    const state = this.asha.toJSON();
    this.writes = this.writes.then(() => writeSchedulerState(this.sweepDir, state));
    await this.writes;
    return record.decision === 'stop'
      ? { decision: 'stop', reason: stopReason(record, this.asha.settings) }
      : { decision: 'continue' };
  };

  /** Trials the log says were stopped (a resumed sweep does not run them again). */
  stopped(): ReadonlySet<string> {
    return new Set(this.asha.stopped().keys());
  }
}
