/**
 * A sweep's best trial, by the objective the session chose (from the stage definitions) and
 * wrote into the sweep's record: the CLI's table and summary.json, and the report of a sweep that
 * never wrote its summary, all choose by this.
 */
import type { Objective } from '../types/run-events.js';
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

/** summary.json of a sweep: each trial (in plan order) with its test metrics, and the best one. */
export function sweepSummary(
  trials: readonly { readonly id: string; readonly assignment: Readonly<Record<string, unknown>> }[],
  records: readonly (RunRecord | undefined)[],
  objective: Objective | undefined,
): SweepSummary {
  const rows: SweepSummaryRow[] = trials.map((t, i) => {
    const r = records[i];
    return {
      id: t.id,
      status: r?.status ?? 'pending',
      assignment: { ...t.assignment },
      metrics: testMetrics(r),
      ...(r?.duration_s !== undefined ? { seconds: r.duration_s } : {}),
      ...(r?.status === 'stopped' ? { stopped: stoppedAt(r) } : {}),
    };
  });
  const best = bestTrial(rows, objective);
  return { ...(objective ? { objective } : {}), ...(best ? { best } : {}), trials: rows };
}
