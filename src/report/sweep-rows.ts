/**
 * Collecting a sweep's rows: one per trial, from summary.json when there is one, else from the
 * sweep's run.json and each trial's own folder; and the settings the sweep varied.
 */
import type { ExperimentConfig } from '../types/experiment-config.js';
import { testMetrics } from '../run-store/index.js';
import { firstLine } from './comparison.js';
import { formatSetting, shortSetting } from './format.js';
import type { SweepFolder } from './read.js';

export interface TrialRow {
  readonly id: string;
  readonly status: string;
  readonly assignment: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds?: number;
  readonly error?: string;
  /** The point the trial belongs to, which repeat of it, and that repeat's seed (recorded with repeats). */
  readonly point?: number;
  readonly repeat?: number;
  readonly seed?: number;
}

/** Each trial from summary.json when there is one, else from run.json and the trial's own folder. */
export function trialRows(sweep: SweepFolder): TrialRow[] {
  const fromSummary = new Map(sweep.summary?.trials.map((t) => [t.id, t]) ?? []);
  return sweep.trialIds.map((id) => {
    const s = fromSummary.get(id);
    const r = sweep.record.trials[id];
    const folder = sweep.trials.get(id)?.record;
    const metrics: Record<string, number> = s ? { ...s.metrics } : testMetrics(folder);
    // The stage's own error says why; the trial's ("stage cnn failed") only says where.
    const stageErrors = Object.entries(folder?.stages ?? {})
      .filter(([, st]) => st.status === 'failed' && st.error)
      .map(([name, st]) => `${name}: ${firstLine(st.error!)}`);
    const error = [r?.error ?? folder?.error, ...stageErrors].filter(Boolean).join('\n') || undefined;
    const seconds = s?.seconds ?? folder?.duration_s;
    const point = s?.point ?? folder?.point;
    const seed = s?.seed ?? folder?.seed;
    return {
      ...(point !== undefined ? { point, repeat: s?.repeat ?? folder?.repeat ?? 0 } : {}),
      ...(seed !== undefined ? { seed } : {}),
      id,
      status: s?.status ?? r?.status ?? folder?.status ?? 'pending',
      assignment: s?.assignment ?? r?.assignment ?? folder?.assignment ?? {},
      metrics,
      ...(seconds !== undefined ? { seconds } : {}),
      ...(error ? { error } : {}),
    };
  });
}

/** The swept settings in the order the sweep section names them. */
export function sweptKeys(config: ExperimentConfig | undefined, rows: readonly TrialRow[]): string[] {
  const sweep = config?.sweep;
  const declared = [
    ...Object.keys(sweep?.grid ?? {}),
    ...Object.keys(sweep?.zip ?? {}),
    ...Object.keys(sweep?.random?.params ?? {}),
  ];
  const seen = rows.flatMap((r) => Object.keys(r.assignment));
  return [...new Set([...declared.filter((k) => seen.includes(k)), ...seen])];
}

export const settingsText = (assignment: Readonly<Record<string, unknown>>, keys: readonly string[]): string =>
  keys
    .filter((k) => k in assignment)
    .map((k) => `${shortSetting(k)} = ${formatSetting(assignment[k])}`)
    .join(', ');
