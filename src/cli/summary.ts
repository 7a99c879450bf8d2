import type { Plan } from '../plan/plan.js';
import type { RunRecord } from '../tracking/run-store.js';
import { formatMetrics } from './progress.js';

export function printRunSummary(record: RunRecord, dir: string): void {
  const lines = ['', `${record.status === 'finished' ? 'finished' : record.status.toUpperCase()} in ${(record.duration_s ?? 0).toFixed(1)}s: ${dir}`];
  for (const [name, stage] of Object.entries(record.stages)) {
    lines.push(`  ${name.padEnd(12)} ${stage.status.padEnd(9)}${stage.cached ? '(cached) ' : ''}${formatMetrics(stage.metrics)}`);
  }
  if (record.error) lines.push(`  error: ${record.error.split('\n')[0]}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The metric a sweep's best trial is chosen by: the last classifier's accuracy, else the last autoencoder's loss. */
export function objectiveOf(plan: Plan): { key: string; maximize: boolean } | undefined {
  const stages = plan.trials[0]?.nodes.filter((n) => n.kind === 'stage') ?? [];
  const classifier = [...stages].reverse().find((n) => n.kind === 'stage' && n.config.type === 'classifier' && n.inputs.some((i) => i.output !== undefined));
  if (classifier) return { key: `${classifier.name}.test_acc`, maximize: true };
  const ae = [...stages].reverse().find((n) => n.kind === 'stage' && n.config.type === 'autoencoder');
  return ae ? { key: `${ae.name}.test_loss`, maximize: false } : undefined;
}

export interface SweepSummary {
  objective?: { key: string; maximize: boolean };
  best?: string;
  trials: { id: string; status: string; assignment: Record<string, unknown>; metrics: Record<string, number>; seconds?: number }[];
}

/** The table at the end of a sweep: trial, swept values, key metrics, status, time; best marked. */
export function printSweepSummary(plan: Plan, records: readonly (RunRecord | undefined)[], dir: string): SweepSummary {
  const objective = objectiveOf(plan);
  const rows = plan.trials.map((t, i) => {
    const r = records[i];
    const metrics: Record<string, number> = {};
    for (const [stage, s] of Object.entries(r?.stages ?? {})) for (const [k, v] of Object.entries(s.metrics)) if (k.startsWith('test_')) metrics[`${stage}.${k}`] = v;
    return { id: t.id, status: r?.status ?? 'pending', assignment: { ...t.assignment }, metrics, ...(r?.duration_s !== undefined ? { seconds: r.duration_s } : {}) };
  });
  let best: string | undefined;
  if (objective) {
    const scored = rows.filter((r) => r.status === 'finished' && r.metrics[objective.key] !== undefined);
    scored.sort((a, b) => (objective.maximize ? b.metrics[objective.key]! - a.metrics[objective.key]! : a.metrics[objective.key]! - b.metrics[objective.key]!));
    best = scored[0]?.id;
  }
  const sweptKeys = [...new Set(rows.flatMap((r) => Object.keys(r.assignment)))];
  const metricKeys = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
  const header = ['', 'trial', ...sweptKeys.map((k) => k.split('.').slice(-1)[0]!), ...metricKeys, 'status', 'time'];
  const table = rows.map((r) => [
    r.id === best ? '*' : '',
    r.id,
    ...sweptKeys.map((k) => JSON.stringify(r.assignment[k])),
    ...metricKeys.map((k) => (r.metrics[k] === undefined ? '-' : r.metrics[k]!.toFixed(4))),
    r.status,
    r.seconds === undefined ? '-' : `${r.seconds.toFixed(1)}s`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const fmt = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const lines = ['', `sweep ${plan.config.name}: ${dir}`, fmt(header), ...table.map(fmt)];
  if (best && objective) lines.push(`* best trial by ${objective.key} (${objective.maximize ? 'highest' : 'lowest'}): ${best}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return { ...(objective ? { objective } : {}), ...(best ? { best } : {}), trials: rows };
}
