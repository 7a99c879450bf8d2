/**
 * A sweep's objective and best trial, defined once: the CLI's table and summary.json, and the
 * report of a sweep that never wrote its summary, all choose by this.
 */
import type { Objective } from '../types/run-events.js';
import type { RunRecord, SweepSummary, SweepSummaryRow } from './records.js';

/** A stage as far as choosing an objective goes, in the order the stages run. */
export interface StageOutline {
  readonly name: string;
  readonly type: string;
  /** Whether it reads another stage's output (`ae.reconstructions`), not a data set. */
  readonly readsOutput: boolean;
}

/** The last classifier on a stage's output, by test accuracy; else the last autoencoder, by test loss. */
export function objectiveOf(stages: readonly StageOutline[]): Objective | undefined {
  const reversed = [...stages].reverse();
  const classifier = reversed.find((s) => s.type === 'classifier' && s.readsOutput);
  if (classifier) return { key: `${classifier.name}.test_acc`, maximize: true };
  const ae = reversed.find((s) => s.type === 'autoencoder');
  return ae ? { key: `${ae.name}.test_loss`, maximize: false } : undefined;
}

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
    };
  });
  const best = bestTrial(rows, objective);
  return { ...(objective ? { objective } : {}), ...(best ? { best } : {}), trials: rows };
}
