/** How numbers, times and settings read in a report. */

/** Accuracies end in `acc` (Keras names: acc, val_acc, test_acc); they read best as percentages. */
export const isAccuracy = (key: string): boolean => /(^|[._])(val_|test_|train_|final_)?acc(uracy)?$/.test(key);

export function formatPercent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A metric for a table cell: accuracies as percentages, losses with four decimals. */
export function formatMetric(key: string, value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (isAccuracy(key)) return formatPercent(value);
  return formatNumber(value);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 0.001) return value.toFixed(4);
  return value.toPrecision(3);
}

/** A difference of two accuracies in percentage points, signed: "+0.40 points", "-1.3 points". */
export function formatPoints(a: number, b: number): string {
  const points = (a - b) * 100;
  const digits = Math.abs(points) < 1 ? 2 : 1;
  const text = Math.abs(points).toFixed(digits);
  const zero = Number(text) === 0;
  return `${zero ? '±' : points > 0 ? '+' : '-'}${text} points`;
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "2026-11-28 03:15 UTC": the same on every machine, unlike a local time. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export { formatSetting } from '../util/format-setting.js';

/** The last part of a dotted setting path, for narrow table headers: stages.ae.latent -> ae.latent. */
export function shortSetting(key: string): string {
  const parts = key.split('.');
  return parts[0] === 'stages' && parts.length > 2 ? parts.slice(1).join('.') : key;
}
