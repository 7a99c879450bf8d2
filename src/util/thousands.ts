/**
 * A whole number with commas between groups of three digits (60,000), as `toLocaleString('en-US')`
 * writes it, without waking ICU: that costs a cold process a noticeable part of a cached rerun.
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
