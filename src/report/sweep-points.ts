/**
 * A sweep's points in the report: each point's key metrics over its repeats (mean, standard
 * deviation, Student-t 95% interval), the plotted means with their intervals, and how the other
 * points compare with the best one, in words that claim no more than the paired test behind them.
 */
import type { SweepPoint } from '../pictures/index.js';
import {
  groupByPoint,
  pointDifference,
  repeatOf,
  type MetricAggregate,
  type SweepPointSummary,
} from '../run-store/index.js';
import { CONFIDENCE, meanInterval } from '../util/intervals.js';
import type { MetricRange } from '../util/metric-direction.js';
import { formatMetric, formatNumber, formatSetting, isAccuracy, shortSetting } from './format.js';
import { html, type Html } from './html.js';
import { table } from './page.js';
import type { RunFolder } from './read.js';
import type { Objective } from './sweep-decide.js';
import { settingsText, type TrialRow } from './sweep-rows.js';
import { pairedComparison } from './statistics.js';

/** Whether any point was trained more than once. */
export const isRepeated = (rows: readonly TrialRow[]): boolean => rows.some((r) => repeatOf(r) > 0);

/** A point's name in words: "ae.latent 16" for one swept key, "ae.latent = 16, lr = 0.01" for several. */
export function pointLabel(p: Pick<SweepPointSummary, 'assignment' | 'point'>, keys: readonly string[]): string {
  const present = keys.filter((k) => k in p.assignment);
  if (present.length === 1) return `${shortSetting(present[0]!)} ${formatSetting(p.assignment[present[0]!])}`;
  return settingsText(p.assignment, keys) || `point ${p.point}`;
}

/** "12.33% ± 2.31 [6.60%, 18.07%]" or "0.0912 ± 0.0011 [0.0885, 0.0939]"; the mean alone for one repeat. */
export function formatAggregate(key: string, a: MetricAggregate | undefined): string {
  if (!a) return '–';
  if (a.n < 2) return formatMetric(key, a.mean);
  const sd = isAccuracy(key) ? (a.sd * 100).toFixed(2) : formatNumber(a.sd);
  return `${formatMetric(key, a.mean)} ± ${sd} [${formatMetric(key, a.low)}, ${formatMetric(key, a.high)}]`;
}

/** A signed difference: percentage points for an accuracy ("-0.12"), the metric's unit otherwise. */
function signed(key: string, v: number): string {
  const text = isAccuracy(key) ? Math.abs(v * 100).toFixed(2) : formatNumber(Math.abs(v));
  return `${v < 0 ? '-' : '+'}${text}`;
}

/** One other point against the best, on the objective: other minus best, with the test that judged it. */
export interface PointComparison {
  readonly point: number;
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  readonly distinguishable: boolean;
  /** How it was judged: a paired t interval over shared seeds, or McNemar on the same images (one repeat each). */
  readonly test:
    | { readonly kind: 't'; readonly pairs: number }
    | { readonly kind: 'mcnemar'; readonly n: number; readonly p: number };
}

/**
 * Every other point against the best on the objective: paired over the repeats both finished
 * (repeat k of both ran on seed k), else, where each has one finished repeat, McNemar's exact test
 * on the classifier's predictions of the same test images. Points with neither are left out.
 */
export function comparisonsToBest(
  rows: readonly TrialRow[],
  objective: Objective,
  best: number,
  trials: ReadonlyMap<string, RunFolder>,
): PointComparison[] {
  const groups = groupByPoint(rows);
  const bestRows = groups.get(best);
  if (!bestRows) return [];
  const stage = objective.key.slice(0, objective.key.lastIndexOf('.'));
  const predictionsOf = (group: readonly TrialRow[]) => {
    const done = group.filter((r) => r.status === 'finished');
    return done.length === 1 ? trials.get(done[0]!.id)?.files[stage]?.predictions : undefined;
  };
  const out: PointComparison[] = [];
  for (const [point, group] of groups) {
    if (point === best) continue;
    const t = pointDifference(group, bestRows, objective.key);
    if (t) {
      out.push({
        point,
        difference: t.mean,
        low: t.low,
        high: t.high,
        distinguishable: t.distinguishable,
        test: { kind: 't', pairs: t.pairs.length },
      });
      continue;
    }
    const mine = predictionsOf(group);
    const theirs = predictionsOf(bestRows);
    const m = mine && theirs ? pairedComparison(mine, theirs) : undefined;
    if (m)
      out.push({
        point,
        difference: m.difference,
        low: m.low,
        high: m.high,
        distinguishable: m.p < 0.05,
        test: { kind: 'mcnemar', n: m.n, p: m.p },
      });
  }
  return out;
}

/** "ae.latent 16 vs 32: -0.12 points, 95% CI [-0.41, +0.17], not distinguishable (paired over 3 seeds)". */
export function comparisonWords(
  c: PointComparison,
  key: string,
  points: readonly SweepPointSummary[],
  best: number,
  keys: readonly string[],
): string {
  const label = (n: number) => pointLabel(points.find((p) => p.point === n) ?? { point: n, assignment: {} }, keys);
  const ours = label(c.point);
  const theirs = label(best);
  // "latent 16 vs 32" when one key is swept: the second name is the best point's value alone.
  const shared = ours.split(' ')[0];
  const vs = keys.length === 1 && theirs.startsWith(`${shared} `) ? theirs.slice(shared!.length + 1) : theirs;
  const unit = isAccuracy(key) ? ' points' : '';
  const how =
    c.test.kind === 't'
      ? `paired t over ${c.test.pairs} shared seeds`
      : `McNemar's exact test on the same ${c.test.n.toLocaleString('en-US')} test images, p = ${c.test.p < 0.001 ? '< 0.001' : c.test.p.toFixed(3)}`;
  return `${ours} vs ${vs}: ${signed(key, c.difference)}${unit}, 95% CI [${signed(key, c.low)}, ${signed(key, c.high)}], ${c.distinguishable ? 'distinguishable' : 'not distinguishable'} (${how})`;
}

/** Plotted values: per (x, series) the mean of the repeats with its 95% interval as an error bar. */
export function meanPoints(points: readonly SweepPoint[], range: MetricRange = {}): SweepPoint[] {
  const groups = new Map<string, SweepPoint[]>();
  for (const p of points) {
    const k = JSON.stringify([p.x, p.series ?? '']);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  return [...groups.values()].map((g) => {
    const i = meanInterval(
      g.map((p) => p.y),
      CONFIDENCE,
      range,
    );
    const series = g[0]!.series;
    return {
      x: g[0]!.x,
      y: i.mean,
      ...(series !== undefined ? { series } : {}),
      ...(i.n > 1 ? { low: i.low, high: i.high } : {}),
    };
  });
}

/** The points table with the interval explained: shown when a sweep has repeats. */
export function pointsSection(
  points: readonly SweepPointSummary[],
  keys: readonly string[],
  metrics: readonly string[],
  best: number | undefined,
): Html {
  const repeats = Math.max(...points.map((p) => p.trials.length));
  return html`<section id="points">
    <h2>Points <span class="sub">each setting over its ${repeats} repeats: mean ± sd [95% CI]</span></h2>
    <p class="note">
      Each point ran on ${repeats} seeds, derived from the experiment's seed and the repeat index only, so repeat k of
      every point shares its seed (and its data split) with repeat k of every other. A cell is the mean over the point's
      finished repeats, their sample standard deviation, and the 95% confidence interval of the mean from Student's t
      distribution with n − 1 degrees of freedom: with so few seeds the standard deviation is itself uncertain, and the
      normal ±1.96 would draw the interval too narrow (for 3 repeats, t = 4.30). Two points are compared by the paired
      difference over the seeds both finished, which removes what a seed does to both. An accuracy's standard deviation
      is in percentage points. An interval is cut where the metric ends (an accuracy at 0 and 100%, a loss at 0): with
      few seeds t is large and the bare interval can pass values no repeat could produce.
    </p>
    ${table<SweepPointSummary>(
      [
        {
          label: 'Point',
          cell: (p) => (p.point === best ? html`p${p.point} <span class="star">★ best</span>` : `p${p.point}`),
        },
        ...keys.map((k) => ({
          label: shortSetting(k),
          num: true,
          cell: (p: SweepPointSummary) => (k in p.assignment ? formatSetting(p.assignment[k]) : '–'),
        })),
        { label: 'Repeats', num: true, cell: (p) => `${p.finished} of ${p.trials.length}` },
        ...metrics.map((k) => ({
          label: k.replace(/\.test_acc$/, ' test accuracy').replace(/\.test_loss$/, ' test loss'),
          num: true,
          cell: (p: SweepPointSummary) => formatAggregate(k, p.metrics[k]),
        })),
      ],
      points,
      (p) => (p.point === best ? 'best' : ''),
    )}
  </section>`;
}
