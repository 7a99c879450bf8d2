/** Keras 2's default learning rates, apart from the optimizers (no TensorFlow.js), so definitions can say what a stage trained with. */
import type { OptimizerName } from './types.js';

export const DEFAULT_LEARNING_RATES: Readonly<Record<OptimizerName, number>> = {
  adam: 0.001,
  adadelta: 1.0,
  sgd: 0.01,
  rmsprop: 0.001,
  adagrad: 0.01,
};
