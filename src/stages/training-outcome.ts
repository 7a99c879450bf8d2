/**
 * What a training stage reports of its epochs: the metrics of the epoch whose weights the model
 * holds (the best one when early stopping restored it, else the last), and, with early stopping,
 * the epoch training stopped at and the best epoch, replayed from the history with the rule the
 * training loop applied (models/early-stopping.ts).
 */
import { earlyStoppingOutcome } from '../models/early-stopping.js';
import type { EpochLog, TrainSpec } from '../models/types.js';

export interface TrainingOutcome {
  readonly kept: Readonly<Record<string, number>>;
  /** `stopped_epoch` (the last epoch trained) and `best_epoch`, for a stage with early stopping. */
  readonly metrics: Readonly<Record<string, number>>;
}

export function trainingOutcome(spec: TrainSpec, history: readonly EpochLog[]): TrainingOutcome {
  const last = history[history.length - 1]?.metrics ?? {};
  const es = spec.early_stopping;
  if (!es) return { kept: last, metrics: {} };
  const { best_epoch } = earlyStoppingOutcome(es, history);
  const restored = es.restore_best && best_epoch > 0;
  return {
    kept: restored ? (history[best_epoch - 1]?.metrics ?? last) : last,
    metrics: { stopped_epoch: history[history.length - 1]?.epoch ?? 0, best_epoch },
  };
}
