/**
 * The uncertainty of a metric over a few repeats (seeds). With n of 3 to 10 seeds the sample
 * standard deviation is itself uncertain, so the 95% interval of the mean uses Student's t with
 * n - 1 degrees of freedom, not the normal 1.96 (for n = 3, t = 4.30: the interval is more than
 * twice as wide). Sweep points trained on the same seeds are compared pairwise: the seed moves a
 * metric by more than neighbouring points differ, and pairing removes what the seed does to both.
 * Lives in util because the summary, the run store views, the report and MLflow all show it.
 */
import { createRequire } from 'node:module';
import type { MetricRange } from './metric-direction.js';

/**
 * The t quantile, loaded on first use: the package pulls in some 700 files of @stdlib, and a run
 * with no repeats (every cached rerun of the quickstart) never computes an interval.
 */
let tQuantile: ((p: number, df: number) => number) | undefined;
function quantile(p: number, df: number): number {
  tQuantile ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as (
    p: number,
    df: number,
  ) => number;
  return tQuantile(p, df);
}

/** Mean, sample standard deviation and the two-sided 95% Student-t interval of the mean. */
export interface Interval {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
  readonly sd: number;
  /** Bounds of the 95% interval of the mean; equal to the mean when n < 2 (no spread to measure). */
  readonly low: number;
  readonly high: number;
}

export const CONFIDENCE = 0.95;

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (Bessel's n - 1); 0 for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
}

/** The t quantile that bounds a two-sided interval at `confidence` with `df` degrees of freedom. */
export function tCritical(df: number, confidence = CONFIDENCE): number {
  return quantile(1 - (1 - confidence) / 2, df);
}

/**
 * The mean of `values` with its 95% Student-t interval, cut at `range` when given: with two or
 * three seeds t is large (12.7, 4.30), and an accuracy's interval would otherwise reach below 0%
 * or above 100%, values no repeat could produce.
 */
export function meanInterval(values: readonly number[], confidence = CONFIDENCE, range: MetricRange = {}): Interval {
  const n = values.length;
  const m = mean(values);
  const sd = sampleSd(values);
  if (n < 2) return { n, mean: m, sd, low: m, high: m };
  const half = (tCritical(n - 1, confidence) * sd) / Math.sqrt(n);
  return {
    n,
    mean: m,
    sd,
    low: Math.max(m - half, range.min ?? -Infinity),
    high: Math.min(m + half, range.max ?? Infinity),
  };
}

/** A paired comparison of two sweep points over the seeds they share. */
export interface PairedDifference extends Interval {
  /** The seeds (repeat indices) both points have a value for, in order. */
  readonly pairs: readonly number[];
  /** The interval excludes 0: the two points are distinguishable at this confidence. */
  readonly distinguishable: boolean;
}

/**
 * The mean of a - b over the repeats both have, with the t interval of that mean (a paired t
 * interval). `a` and `b` map a repeat index to the metric of that repeat. Undefined when fewer
 * than two repeats are shared (one pair has no spread to measure).
 */
export function pairedDifference(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
  confidence = CONFIDENCE,
): PairedDifference | undefined {
  const pairs = [...a.keys()].filter((k) => b.has(k)).sort((x, y) => x - y);
  if (pairs.length < 2) return undefined;
  const interval = meanInterval(
    pairs.map((k) => a.get(k)! - b.get(k)!),
    confidence,
  );
  return { ...interval, pairs, distinguishable: interval.low > 0 || interval.high < 0 };
}
