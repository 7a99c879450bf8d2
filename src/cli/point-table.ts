/**
 * A sweep's points as the terminal shows them (the summary at the end of a sweep, `aelab runs
 * show`): per point its swept values, how many repeats finished, and each key metric as
 * "mean ±sd [95% CI]" over them; the best point by its mean is starred.
 */
import type { MetricAggregate, SweepSummary } from '../run-store/index.js';

/** "0.9812 ±0.0031 [0.9735, 0.9889]": mean, sample sd, and the Student-t 95% interval of the mean. */
export function formatAggregate(a: MetricAggregate | undefined, digits = 4): string {
  if (!a) return '-';
  if (a.n < 2) return a.mean.toFixed(digits);
  return `${a.mean.toFixed(digits)} ±${a.sd.toFixed(digits)} [${a.low.toFixed(digits)}, ${a.high.toFixed(digits)}]`;
}

/** Whether the summary has points with more than one repeat (else the per-trial table says it all). */
export const hasRepeats = (summary: SweepSummary | undefined): boolean => (summary?.repeats ?? 1) > 1;

/** Columns padded to their widest cell, two spaces apart. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  return [header, ...rows].map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The points table's lines, and a line naming the best point and how it was chosen. */
export function pointTable(summary: SweepSummary): string[] {
  const points = summary.points ?? [];
  const sweptKeys = [...new Set(points.flatMap((p) => Object.keys(p.assignment)))];
  const all = new Set(points.flatMap((p) => Object.keys(p.metrics)));
  // A classifier's accuracy says what its loss says, in the unit people compare: the loss is left to the trials' table.
  const metricKeys = [...all]
    .filter((k) => !(k.endsWith('.test_loss') && all.has(k.replace(/test_loss$/, 'test_acc'))))
    .sort();
  const header = [
    '',
    'point',
    ...sweptKeys.map((k) => k.split('.').slice(-1)[0]!),
    'repeats',
    ...metricKeys.map((k) => `${k} mean ±sd [95% CI]`),
  ];
  const rows = points.map((p) => [
    p.point === summary.best_point ? '*' : '',
    `p${p.point}`,
    ...sweptKeys.map((k) => JSON.stringify(p.assignment[k])),
    `${p.finished}/${p.trials.length}`,
    ...metricKeys.map((k) => formatAggregate(p.metrics[k])),
  ]);
  const lines = textTable(header, rows);
  const best = points.find((p) => p.point === summary.best_point);
  const { objective } = summary;
  if (best && objective)
    lines.push(
      `* best point by the mean of ${objective.key} (${objective.maximize ? 'highest' : 'lowest'}): p${best.point} (trials ${best.trials.join(', ')})${summary.best ? `; its repeat nearest the mean is ${summary.best}` : ''}`,
      `  intervals: Student t with n - 1 degrees of freedom over each point's finished repeats (95%, cut at the metric's range); the report compares points pairwise over their shared seeds`,
    );
  return lines;
}
