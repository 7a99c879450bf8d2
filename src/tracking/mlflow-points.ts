/**
 * What a repeated sweep's parent run says of its points in MLflow: for each point and key metric
 * the mean, standard deviation and Student-t 95% interval over its repeats (the point's index is
 * the step, so MLflow charts a metric across the points), the best point's the same at step 0
 * under `best_point.`, and tags naming the best point and how the intervals were made.
 */
import type { SweepSummary } from '../run-store/index.js';
import type { MlflowMetric } from './mlflow-metrics.js';

export const BEST_POINT_TAG = 'aelab.best_point';
export const REPEATS_TAG = 'aelab.repeats';
export const INTERVAL_TAG = 'aelab.interval';

const PARTS = [
  ['mean', 'mean'],
  ['sd', 'sd'],
  ['ci95_low', 'low'],
  ['ci95_high', 'high'],
] as const;

/** Undefined for a sweep without repeats (its best trial's metrics say it all). */
export function pointMetrics(
  summary: SweepSummary | undefined,
  now: number,
): { metrics: MlflowMetric[]; tags: Record<string, string> } | undefined {
  if (!summary?.points?.length || (summary.repeats ?? 1) < 2) return undefined;
  const metrics: MlflowMetric[] = [];
  const best = summary.points.find((p) => p.point === summary.best_point);
  for (const p of summary.points)
    for (const [key, a] of Object.entries(p.metrics))
      for (const [name, field] of PARTS) {
        metrics.push({ key: `point.${key}.${name}`, value: a[field], step: p.point, timestamp: now });
        if (p === best) metrics.push({ key: `best_point.${key}.${name}`, value: a[field], step: 0, timestamp: now });
      }
  const swept = best
    ? Object.entries(best.assignment)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')
    : '';
  return {
    metrics,
    tags: {
      [REPEATS_TAG]: String(summary.repeats),
      [INTERVAL_TAG]: "95% Student t over each point's finished repeats (n - 1 degrees of freedom); step = point index",
      ...(best ? { [BEST_POINT_TAG]: `p${best.point}${swept ? ` ${swept}` : ''} (by the mean)` } : {}),
    },
  };
}
