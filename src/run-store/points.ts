/**
 * A sweep's points over their repeats: the trials of one assignment grouped, each metric's mean,
 * standard deviation and Student-t 95% interval over the finished repeats, the best point by its
 * mean, and the paired difference of two points over the seeds they share. Here because
 * summary.json holds them, and the CLI, the report and MLflow all read them from there.
 */
import type { Objective } from '../types/run-events.js';
import { CONFIDENCE, meanInterval, pairedDifference, type PairedDifference } from '../util/intervals.js';
import { metricRange } from '../util/metric-direction.js';
import type { MetricAggregate, SweepPointSummary } from './records.js';

/** What grouping needs of a trial's row (summary.json's rows, the report's rows). */
export interface PointRow {
  readonly id: string;
  readonly status: string;
  readonly assignment: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly point?: number;
  readonly repeat?: number;
}

/** The point of a row; a row recorded before repeats is a point of its own (its plan index). */
const pointOf = (row: PointRow, index: number): number => row.point ?? index;
/** The repeat of a row: 0 when recorded before repeats. */
export const repeatOf = (row: PointRow): number => row.repeat ?? 0;

/** Rows by point, in point order, each point's rows in repeat order. */
export function groupByPoint<R extends PointRow>(rows: readonly R[]): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  rows.forEach((r, i) => {
    const p = pointOf(r, i);
    groups.set(p, [...(groups.get(p) ?? []), r]);
  });
  for (const g of groups.values()) g.sort((a, b) => repeatOf(a) - repeatOf(b));
  return new Map([...groups].sort(([a], [b]) => a - b));
}

/** Each point with its metrics' aggregates over the repeats that finished with a finite value. */
export function sweepPoints(rows: readonly PointRow[]): SweepPointSummary[] {
  return [...groupByPoint(rows)].map(([point, group]) => {
    const done = group.filter((r) => r.status === 'finished');
    const keys = [...new Set(done.flatMap((r) => Object.keys(r.metrics)))].sort();
    const metrics: Record<string, MetricAggregate> = {};
    for (const key of keys) {
      const values = done.map((r) => r.metrics[key]).filter((v): v is number => Number.isFinite(v));
      if (values.length) {
        const { n, mean, sd, low, high } = meanInterval(values, CONFIDENCE, metricRange(key));
        metrics[key] = { n, mean, sd, low, high };
      }
    }
    return {
      point,
      assignment: { ...group[0]!.assignment },
      trials: group.map((r) => r.id),
      finished: done.length,
      metrics,
    };
  });
}

/** The point with the best mean of the objective; points with no finished repeat are not ranked. */
export function bestPoint(points: readonly SweepPointSummary[], objective: Objective | undefined): number | undefined {
  if (!objective) return undefined;
  const scored = points.filter((p) => p.metrics[objective.key] !== undefined);
  const sign = objective.maximize ? -1 : 1;
  scored.sort((a, b) => sign * (a.metrics[objective.key]!.mean - b.metrics[objective.key]!.mean));
  return scored[0]?.point;
}

/**
 * The best point's trial whose pictures stand for it: the finished repeat nearest the point's
 * mean (a typical repeat; the best repeat would be a lucky seed). Ties go to the earlier repeat.
 */
export function typicalTrial(
  point: SweepPointSummary,
  rows: readonly PointRow[],
  objective: Objective,
): string | undefined {
  const mean = point.metrics[objective.key]?.mean;
  if (mean === undefined) return undefined;
  const mine = rows.filter((r) => point.trials.includes(r.id) && r.status === 'finished');
  const scored = mine.filter((r) => Number.isFinite(r.metrics[objective.key]));
  scored.sort((a, b) => Math.abs(a.metrics[objective.key]! - mean) - Math.abs(b.metrics[objective.key]! - mean));
  return scored[0]?.id;
}

/** A metric of a point's finished repeats, by repeat index (the pairing key). */
export function byRepeat(rows: readonly PointRow[], key: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows)
    if (r.status === 'finished' && Number.isFinite(r.metrics[key])) out.set(repeatOf(r), r.metrics[key]!);
  return out;
}

/**
 * Point a minus point b on a metric, paired over the repeats both finished (repeat k of both ran on
 * the same seed): the mean difference with its paired t interval. Undefined under two shared repeats.
 */
export function pointDifference(
  a: readonly PointRow[],
  b: readonly PointRow[],
  key: string,
): PairedDifference | undefined {
  return pairedDifference(byRepeat(a, key), byRepeat(b, key));
}
