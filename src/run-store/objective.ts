/**
 * A sweep's best trial, by the objective the session chose (from the stage definitions) and
 * wrote into the sweep's record: the CLI's table and summary.json, and the report of a sweep that
 * never wrote its summary, all choose by this.
 */
import type { Objective, TrialOfPlan } from '../types/run-events.js';
import { bestPoint, sweepPoints, typicalTrial } from './points.js';
import type { RunRecord, SweepSummary, SweepSummaryRow } from './records.js';

/** The finished trial with the best objective value; trials without a finite value are not ranked. */
export function bestTrial(
  rows: readonly { readonly id: string; readonly status: string; readonly metrics: Readonly<Record<string, number>> }[],
  objective: Objective | undefined,
): string | undefined {
  if (!objective) return undefined;
  const scored = rows.filter((r) => r.status === 'finished' && Number.isFinite(r.metrics[objective.key]));
  scored.sort((a, b) =>
    objective.maximize
      ? b.metrics[objective.key]! - a.metrics[objective.key]!
      : a.metrics[objective.key]! - b.metrics[objective.key]!,
  );
  return scored[0]?.id;
}

/** A run's final test metrics, as `<stage>.<metric>`. */
export function testMetrics(record: Pick<RunRecord, 'stages'> | undefined): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [stage, s] of Object.entries(record?.stages ?? {}))
    for (const [k, v] of Object.entries(s.metrics ?? {})) if (k.startsWith('test_')) metrics[`${stage}.${k}`] = v;
  return metrics;
}

/** Where a stopped run stopped: the stage the scheduler stopped and the epoch it reached. */
export function stoppedAt(record: Pick<RunRecord, 'stages'>): { stage: string; epoch: number } {
  const [stage, s] = Object.entries(record.stages).find(([, s]) => s.status === 'stopped') ?? ['?', undefined];
  return { stage, epoch: s?.epoch ?? 0 };
}

/**
 * summary.json of a sweep: each trial (in plan order) with its test metrics, each point with its
 * metrics' aggregates over its repeats, the best point by its mean and the trial that stands for it.
 */
export function sweepSummary(
  trials: readonly TrialOfPlan[],
  records: readonly (RunRecord | undefined)[],
  objective: Objective | undefined,
): SweepSummary {
  const rows: SweepSummaryRow[] = trials.map((t, i) => {
    const r = records[i];
    return {
      id: t.id,
      status: r?.status ?? 'pending',
      assignment: { ...t.assignment },
      ...(t.point !== undefined ? { point: t.point, repeat: t.repeat ?? 0 } : {}),
      ...(t.seed !== undefined ? { seed: t.seed } : {}),
      metrics: testMetrics(r),
      ...(r?.duration_s !== undefined ? { seconds: r.duration_s } : {}),
      ...(r?.status === 'stopped' ? { stopped: stoppedAt(r) } : {}),
    };
  });
  const points = sweepPoints(rows);
  const repeats = Math.max(1, ...rows.map((r) => (r.repeat ?? 0) + 1));
  const bestAt = bestPoint(points, objective);
  const point = points.find((p) => p.point === bestAt);
  // One repeat: the best trial is the best point's only trial, as it always was.
  const best = point && objective ? typicalTrial(point, rows, objective) : undefined;
  return {
    ...(objective ? { objective } : {}),
    ...(best ? { best } : {}),
    ...(bestAt !== undefined ? { best_point: bestAt } : {}),
    repeats,
    points,
    trials: rows,
  };
}
