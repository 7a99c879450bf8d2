/**
 * Whether a larger value of a metric is better. Losses (and anything else) are minimised;
 * accuracies are maximised. Keras' `mode='auto'` decides the same way from the name.
 */
export type MetricMode = 'min' | 'max';

export function metricDirection(metric: string): MetricMode {
  return /(^|_)(acc|accuracy)$/.test(metric) ? 'max' : 'min';
}
