/** The `train:` block that the autoencoder and the classifier share: its spec for the models and its description. */
import type { TrainConfig } from '../types/experiment-config.js';
import type { TrainSpec } from '../models/types.js';
import { DEFAULT_LEARNING_RATES } from '../models/learning-rates.js';
import { formatSetting } from '../util/format-setting.js';
import { metricDirection } from '../util/metric-direction.js';

export function trainSpec(t: TrainConfig): TrainSpec {
  const es = t.early_stopping;
  return {
    epochs: t.epochs,
    batch_size: t.batch_size,
    optimizer: t.optimizer,
    loss: t.loss,
    shuffle: t.shuffle,
    // Keras' mode='auto': the direction comes from the metric's name.
    ...(es ? { early_stopping: { ...es, mode: metricDirection(es.monitor) } } : {}),
  };
}

const LOSS_NAMES: Record<string, string> = { binary_crossentropy: 'binary cross-entropy', mse: 'mean squared error' };

export const lossName = (loss: string): string => LOSS_NAMES[loss] ?? loss;

/** "50 epochs, batch 256, adadelta (lr 1), binary cross-entropy" (the loss only when `withLoss`). */
export function describeTraining(train: TrainConfig | undefined, withLoss: boolean): string {
  if (!train) return '';
  const lr = train.optimizer?.learning_rate;
  const parts = [
    `${train.epochs} epoch${train.epochs === 1 ? '' : 's'}`,
    `batch ${train.batch_size}`,
    `${train.optimizer?.name ?? '?'}${lr !== undefined ? ` (lr ${formatSetting(lr)})` : ''}`,
  ];
  if (withLoss && train.loss) parts.push(lossName(train.loss));
  return parts.join(', ');
}

/**
 * The `train:` block as the models use it: the learning rate the optimizer defaults to written
 * out, and the loss replaced by `loss` when the stage trains with a fixed one.
 */
export function trainAsUsed(t: TrainConfig, loss?: string): TrainConfig {
  const optimizer = {
    ...t.optimizer,
    learning_rate: t.optimizer.learning_rate ?? DEFAULT_LEARNING_RATES[t.optimizer.name],
  };
  return { ...t, optimizer, ...(loss ? { loss: loss as TrainConfig['loss'] } : {}) };
}
