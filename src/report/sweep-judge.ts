/**
 * Judging a sweep: what its rows say, in words that claim no more than the test behind them
 * (McNemar's exact test on paired predictions, else two standard errors).
 */
import { formatMetric, formatSetting, isAccuracy, shortSetting } from './format.js';
import type { RunFolder } from './read.js';
import { evidenceOf } from './run-report.js';
import type { Objective } from './sweep-decide.js';
import { settingsText, type TrialRow } from './sweep-rows.js';
import { pairedComparison } from './statistics.js';
import { bestPoint, sweepPoints } from '../run-store/index.js';
import { comparisonsToBest, comparisonWords, formatAggregate, isRepeated, pointLabel } from './sweep-points.js';

/** More comparisons than this are summed up in one line instead of a sentence each. */
const MAX_COMPARISON_LINES = 8;

/** One sentence of the sweep's summary; `tone` marks the best trial (`better`) and trouble (`bad`). */
export interface SweepLine {
  readonly text: string;
  readonly tone?: string;
}

export const metricLabel = (key: string): string => {
  const dot = key.lastIndexOf('.');
  const stage = key.slice(0, dot);
  const metric = key.slice(dot + 1);
  return `${stage} ${metric === 'test_acc' ? 'test accuracy' : metric === 'test_loss' ? 'test loss' : metric.replace(/_/g, ' ')}`;
};

/** The sweep's findings in words: the best trial, the range of each key metric, trials that did not finish, and where the objective stops improving. */
export function sweepWords(
  rows: readonly TrialRow[],
  keys: readonly string[],
  metrics: readonly string[],
  objective: Objective | undefined,
  bestRow: TrialRow | undefined,
  trials: ReadonlyMap<string, RunFolder> = new Map(),
): SweepLine[] {
  const lines: SweepLine[] = [];
  const finished = rows.filter((r) => r.status === 'finished');
  const failed = rows.filter((r) => r.status === 'failed' || r.status === 'killed');
  const repeated = isRepeated(rows);
  const points = sweepPoints(rows);
  const best = bestPoint(points, objective);
  const bestAt = points.find((p) => p.point === best);
  if (repeated) {
    if (bestAt && objective) {
      const a = bestAt.metrics[objective.key]!;
      lines.push({
        text: `Best point: ${pointLabel(bestAt, keys)}, with the ${objective.maximize ? 'highest' : 'lowest'} mean ${metricLabel(objective.key)} of ${points.length} point${points.length === 1 ? '' : 's'}: ${formatAggregate(objective.key, a)} (mean ± sd [95% CI] over ${a.n} repeat${a.n === 1 ? '' : 's'}).${bestRow ? ` Its repeat nearest that mean, ${bestRow.id}, stands for it below.` : ''}`,
        tone: 'better',
      });
    } else if (rows.length) {
      lines.push({ text: 'No point finished with the metric the best point is chosen by.', tone: 'bad' });
    }
    for (const key of metrics) {
      const scored = points.filter((p) => p.metrics[key] !== undefined);
      if (scored.length < 2) continue;
      const means = scored.map((p) => p.metrics[key]!.mean);
      const lo = scored[means.indexOf(Math.min(...means))]!;
      const hi = scored[means.indexOf(Math.max(...means))]!;
      lines.push({
        text:
          lo.metrics[key]!.mean === hi.metrics[key]!.mean
            ? `${metricLabel(key)} had the same mean at every point (${formatAggregate(key, lo.metrics[key])}): the swept settings do not reach that stage.`
            : `${metricLabel(key)}, mean over repeats, ranged from ${formatAggregate(key, lo.metrics[key])} (${pointLabel(lo, keys)}) to ${formatAggregate(key, hi.metrics[key])} (${pointLabel(hi, keys)}).`,
      });
    }
  } else if (bestRow && objective) {
    const value = bestRow.metrics[objective.key];
    lines.push({
      text: `Best trial: ${bestRow.id} (${settingsText(bestRow.assignment, keys)}), with ${metricLabel(objective.key)} ${formatMetric(objective.key, value)}, the ${objective.maximize ? 'highest' : 'lowest'} of ${finished.length} finished trial${finished.length === 1 ? '' : 's'}.`,
      tone: 'better',
    });
  } else if (rows.length) {
    lines.push({ text: 'No trial finished with the metric the best trial is chosen by.', tone: 'bad' });
  }
  if (!repeated)
    for (const key of metrics) {
      const scored = finished.filter((r) => Number.isFinite(r.metrics[key]));
      if (scored.length < 2) continue;
      const values = scored.map((r) => r.metrics[key]!);
      const lo = scored[values.indexOf(Math.min(...values))]!;
      const hi = scored[values.indexOf(Math.max(...values))]!;
      if (lo.metrics[key] === hi.metrics[key]) {
        lines.push({
          text: `${metricLabel(key)} was ${formatMetric(key, lo.metrics[key])} in every trial: the swept settings do not reach that stage.`,
        });
      } else {
        lines.push({
          text: `${metricLabel(key)} ranged from ${formatMetric(key, lo.metrics[key])} (${settingsText(lo.assignment, keys)}) to ${formatMetric(key, hi.metrics[key])} (${settingsText(hi.assignment, keys)}).`,
        });
      }
    }
  if (objective && best !== undefined) lines.push(...comparisonLines(rows, keys, objective, best, points, trials));
  if (failed.length)
    lines.push({
      text: `${failed.length} of ${rows.length} trials did not finish: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}.`,
      tone: 'bad',
    });
  const pending = rows.filter((r) => r.status === 'pending' || r.status === 'running');
  if (pending.length)
    lines.push({
      text: `${pending.length} trial${pending.length === 1 ? '' : 's'} did not run to the end: ${pending.map((r) => r.id).join(', ')}.`,
      tone: 'bad',
    });
  if (objective && bestRow && !repeated) {
    const shape = sweepShape(rows, keys, objective, bestRow, trials);
    if (shape) lines.push({ text: shape });
  }
  return lines;
}

/** The other points against the best, a sentence each (or, for many, who is not distinguishable). */
function comparisonLines(
  rows: readonly TrialRow[],
  keys: readonly string[],
  objective: Objective,
  best: number,
  points: ReturnType<typeof sweepPoints>,
  trials: ReadonlyMap<string, RunFolder>,
): SweepLine[] {
  const comparisons = comparisonsToBest(rows, objective, best, trials);
  if (!comparisons.length) return [];
  const bestAt = points.find((p) => p.point === best)!;
  const head = `Against the best point (${pointLabel(bestAt, keys)}) on ${metricLabel(objective.key)}, each other point minus the best, with the 95% interval of the difference; "not distinguishable" means the interval contains 0 with this many seeds or images, not that the two are equal:`;
  if (comparisons.length <= MAX_COMPARISON_LINES)
    return [
      { text: head },
      ...comparisons.map((c) => ({ text: comparisonWords(c, objective.key, points, best, keys) })),
    ];
  const alike = comparisons.filter((c) => !c.distinguishable);
  const label = (n: number) =>
    pointLabel(
      points.find((p) => p.point === n)!,
      keys,
    );
  return [
    {
      text: `${head} ${alike.length} of ${comparisons.length} other points are not distinguishable from it${alike.length ? ` (${alike.map((c) => label(c.point)).join('; ')})` : ''}; the rest are.`,
    },
  ];
}

/**
 * What a sweep over one number shows, in words: where the objective stops improving. A trial is
 * "within the noise" of the best when the two classifiers' paired difference on the same test
 * images is not significant (McNemar's exact test, p >= 0.05); without per-image predictions,
 * when the accuracies are within two standard errors.
 */
export function sweepShape(
  rows: readonly TrialRow[],
  keys: readonly string[],
  objective: Objective,
  best: TrialRow,
  trials: ReadonlyMap<string, RunFolder>,
): string | undefined {
  if (keys.length !== 1 || !objective.maximize || !isAccuracy(objective.key)) return undefined;
  const key = keys[0]!;
  const stage = objective.key.split('.')[0]!;
  const scored = rows
    .filter(
      (r) =>
        r.status === 'finished' && Number.isFinite(r.metrics[objective.key]) && typeof r.assignment[key] === 'number',
    )
    .sort((a, b) => (a.assignment[key] as number) - (b.assignment[key] as number));
  if (scored.length < 3) return undefined;
  const bestPredictions = trials.get(best.id)?.files[stage]?.predictions;
  const n = trials.get(best.id) ? evidenceOf(trials.get(best.id)!)[stage]?.n : undefined;
  const likeBest = (r: TrialRow): boolean => {
    if (r.id === best.id) return true;
    const mine = trials.get(r.id)?.files[stage]?.predictions;
    const paired = mine && bestPredictions ? pairedComparison(mine, bestPredictions) : undefined;
    if (paired) return paired.p >= 0.05;
    const a = r.metrics[objective.key]!;
    const b = best.metrics[objective.key]!;
    if (!n) return a === b;
    return Math.abs(a - b) < 2 * Math.sqrt((a * (1 - a) + b * (1 - b)) / n);
  };
  // The smallest value from which every trial is within the noise of the best.
  let from = scored.length;
  while (from > 0 && likeBest(scored[from - 1]!)) from--;
  const short = shortSetting(key);
  const value = (r: TrialRow) => formatSetting(r.assignment[key]);
  const how = bestPredictions
    ? "paired McNemar's exact test against the best trial, p >= 0.05"
    : 'within two standard errors of the best trial';
  const last = scored[scored.length - 1]!;
  // Equal in every trial: the summary already says so.
  if (scored.every((r) => r.metrics[objective.key] === best.metrics[objective.key])) return undefined;
  if (from === 0)
    return `${metricLabel(objective.key)} does not change with ${short} beyond the noise: every trial is within it (${how}); it is ${formatMetric(objective.key, scored[0]!.metrics[objective.key])} at ${short} ${value(scored[0]!)} and ${formatMetric(objective.key, last.metrics[objective.key])} at ${value(last)}.`;
  if (from >= scored.length) return undefined;
  const first = scored[0]!;
  const plateau = scored[from]!;
  return `${metricLabel(objective.key)} rises from ${formatMetric(objective.key, first.metrics[objective.key])} at ${short} ${value(first)} and stops improving at ${short} ${value(plateau)} (${formatMetric(objective.key, plateau.metrics[objective.key])}): from there on, every trial is within the noise of the best (${how}).`;
}
