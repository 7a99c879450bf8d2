/**
 * Optimizers with Keras 2 defaults. tfjs' own defaults differ in places (tf.train.adadelta
 * defaults to lr 0.001, rmsprop/adagrad need an explicit rate), so every hyper-parameter is set
 * here explicitly; the Keras 2 values are what the published MNIST numbers were obtained with.
 */
import * as tf from '@tensorflow/tfjs';
import { KerasAdadelta } from './adadelta.js';
import { FlatAdam } from './adam.js';
import { DEFAULT_LEARNING_RATES } from './learning-rates.js';
import type { OptimizerSpec } from './types.js';

export { DEFAULT_LEARNING_RATES };

/** Keras' backend epsilon. */
const EPSILON = 1e-7;

export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const lr = spec.learning_rate ?? DEFAULT_LEARNING_RATES[spec.name];
  switch (spec.name) {
    case 'adam':
      // Not tf.train.adam: see adam.ts (same rule as Keras, a fraction of the kernels).
      return new FlatAdam(lr, 0.9, 0.999, EPSILON);
    case 'adadelta':
      // Not tf.train.adadelta: see adadelta.ts for the bug it has.
      return new KerasAdadelta(lr, 0.95, EPSILON);
    case 'sgd':
      return tf.train.sgd(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, 0, EPSILON, false);
    case 'adagrad':
      return tf.train.adagrad(lr, 0.1);
  }
}
