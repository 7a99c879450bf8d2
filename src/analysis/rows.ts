/** Codes or images as rows of numbers: what every analysis reads. */
import type { PixelValues } from '../types/samples.js';
import { unitValue } from '../util/pixels.js';

/** n rows of `dim` values each, row-major in `x`. */
export interface Rows {
  readonly x: PixelValues;
  readonly n: number;
  readonly dim: number;
}

/** The rows as arrays of numbers (what the mljs and UMAP packages take). */
export function rowsOf(rows: Rows, indices?: ArrayLike<number>): number[][] {
  const pick = indices ?? Array.from({ length: rows.n }, (_, i) => i);
  return Array.from({ length: pick.length }, (_, k) => {
    const base = pick[k]! * rows.dim;
    const row = new Array<number>(rows.dim);
    for (let j = 0; j < rows.dim; j++) row[j] = unitValue(rows.x, base + j);
    return row;
  });
}

/** At most `limit` row indices, ascending: the first rows, or a random subset drawn with `rng`. */
export function subsetIndices(labels: Uint8Array, limit: number, rng?: () => number): number[] {
  const order = Array.from({ length: labels.length }, (_, i) => i);
  if (rng)
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  return order.slice(0, Math.min(limit, order.length)).sort((a, b) => a - b);
}
