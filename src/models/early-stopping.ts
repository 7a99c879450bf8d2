/**
 * Keras' EarlyStopping callback as a rule over epoch metrics, kept apart from the training loop so
 * that the stage can replay it over a finished history to say where it stopped and which epoch
 * was best. Keras 3 semantics: an epoch improves when its metric beats the best so far by more
 * than `min_delta` (in the metric's direction); after `patience` epochs in a row without
 * improvement training stops (never after the first epoch); with `restore_best` the weights of
 * the best epoch are put back when training ends, stopped early or not. An epoch without the
 * monitored metric is ignored, as Keras does.
 */
import type { MetricMode } from '../util/metric-direction.js';

export interface EarlyStoppingSpec {
  readonly monitor: string;
  readonly patience: number;
  readonly min_delta: number;
  readonly restore_best: boolean;
  readonly mode: MetricMode;
}

export interface EarlyStoppingVerdict {
  readonly improved: boolean;
  readonly stop: boolean;
}

export class EarlyStopping {
  private best: number;
  private wait = 0;
  /** The 1-based epoch whose metric was best, 0 before any. */
  bestEpoch = 0;
  /** The 1-based epoch training stopped after, 0 while it has not. */
  stoppedEpoch = 0;

  constructor(readonly spec: EarlyStoppingSpec) {
    this.best = spec.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  get bestValue(): number {
    return this.best;
  }

  /** The metrics of 1-based `epoch`, in order; says whether it improved and whether to stop now. */
  update(epoch: number, metrics: Readonly<Record<string, number>>): EarlyStoppingVerdict {
    const current = metrics[this.spec.monitor];
    if (current === undefined || Number.isNaN(current)) return { improved: false, stop: false };
    const d = Math.abs(this.spec.min_delta);
    const improved = this.spec.mode === 'min' ? current + d < this.best : current - d > this.best;
    this.wait++;
    if (improved) {
      this.best = current;
      this.bestEpoch = epoch;
      this.wait = 0;
      return { improved, stop: false };
    }
    const stop = this.wait >= this.spec.patience && epoch > 1;
    if (stop) this.stoppedEpoch = epoch;
    return { improved, stop };
  }
}

/** Where a finished history stopped and which epoch was best, replayed with the same rule. */
export function earlyStoppingOutcome(
  spec: EarlyStoppingSpec,
  history: readonly { readonly epoch: number; readonly metrics: Readonly<Record<string, number>> }[],
): { stopped_epoch: number; best_epoch: number; best: number } {
  const es = new EarlyStopping(spec);
  for (const log of history) if (es.update(log.epoch, log.metrics).stop) break;
  return { stopped_epoch: es.stoppedEpoch, best_epoch: es.bestEpoch, best: es.bestValue };
}
