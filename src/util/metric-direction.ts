/**
 * Whether a larger value of a metric is better. Losses (and anything else) are minimised;
 * accuracies are maximised. Keras' `mode='auto'` decides the same way from the name.
 */
export type MetricMode = 'min' | 'max';

export function metricDirection(metric: string): MetricMode {
  return /(^|_)(acc|accuracy)$/.test(metric) ? 'max' : 'min';
}

/** The values a metric can take: an accuracy lies in [0, 1]; a loss or squared error is never negative. */
export interface MetricRange {
  readonly min?: number;
  readonly max?: number;
}

export function metricRange(metric: string): MetricRange {
  if (metricDirection(metric) === 'max') return { min: 0, max: 1 };
  return /(^|_)(loss|mse)$/.test(metric) ? { min: 0 } : {};
}
