import { readSummary, type RunRecord, type SweepSummary } from '../run-store/index.js';
import type { RunEnd, RunListener } from '../types/run-events.js';
import { hasRepeats, pointTable } from './point-table.js';
import { formatMetrics } from './progress.js';

export function printRunSummary(record: Readonly<RunRecord>, dir: string): void {
  const lines = [
    '',
    `${record.status === 'finished' ? 'finished' : record.status.toUpperCase()} in ${(record.duration_s ?? 0).toFixed(1)}s: ${dir}`,
  ];
  for (const [name, stage] of Object.entries(record.stages)) {
    lines.push(
      `  ${name.padEnd(12)} ${stage.status.padEnd(9)}${stage.cached ? '(cached) ' : ''}${formatMetrics(stage.metrics)}`,
    );
  }
  if (record.error) lines.push(`  error: ${record.error.split('\n')[0]}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * The table at the end of a sweep: trial, swept values, key metrics, status, time; best marked.
 * With repeats, a table of points follows: each metric's mean, sd and 95% interval over the repeats.
 */
export function printSweepSummary(name: string, summary: SweepSummary, dir: string): void {
  const { objective, best, trials: rows } = summary;
  const repeated = hasRepeats(summary);
  const sweptKeys = [...new Set(rows.flatMap((r) => Object.keys(r.assignment)))];
  const metricKeys = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
  const header = [
    '',
    'trial',
    ...sweptKeys.map((k) => k.split('.').slice(-1)[0]!),
    ...(repeated ? ['repeat', 'seed'] : []),
    ...metricKeys,
    'status',
    'time',
  ];
  const table = rows.map((r) => [
    r.id === best && !repeated ? '*' : '',
    r.id,
    ...sweptKeys.map((k) => JSON.stringify(r.assignment[k])),
    ...(repeated ? [String(r.repeat ?? 0), r.seed === undefined ? '-' : String(r.seed)] : []),
    ...metricKeys.map((k) => (r.metrics[k] === undefined ? '-' : r.metrics[k]!.toFixed(4))),
    r.stopped ? `stopped (${r.stopped.stage} epoch ${r.stopped.epoch})` : r.status,
    r.seconds === undefined ? '-' : `${r.seconds.toFixed(1)}s`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const fmt = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const lines = ['', `sweep ${name}: ${dir}`, fmt(header), ...table.map(fmt)];
  if (repeated) lines.push('', `points (${summary.repeats} repeats each):`, ...pointTable(summary));
  else if (best && objective)
    lines.push(`* best trial by ${objective.key} (${objective.maximize ? 'highest' : 'lowest'}): ${best}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints a run's summary, or a sweep's table, when it ends: from the record and summary the run store wrote. */
export class SummaryPrinter implements RunListener {
  constructor(private readonly recordOf: (dir: string) => Readonly<RunRecord> | undefined) {}

  async onRunFinished(end: RunEnd): Promise<void> {
    if (!end.sweep) {
      const record = this.recordOf(end.dir);
      if (record) printRunSummary(record, end.dir);
      return;
    }
    const summary = await readSummary(end.dir);
    if (summary) printSweepSummary(end.name, summary, end.dir);
  }
}
