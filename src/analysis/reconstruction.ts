/**
 * Which digits the bottleneck damages: the reconstruction error of every test image (mean squared
 * error per pixel, values in [0,1]), its mean per class, and the worst-reconstructed images of
 * each class.
 */
import { unitValue } from '../util/pixels.js';
import type { Rows } from './rows.js';

/** Mean squared error per pixel of each image against its reconstruction. */
export function imageErrors(originals: Rows, reconstructions: Rows): Float64Array {
  if (originals.n !== reconstructions.n || originals.dim !== reconstructions.dim)
    throw new Error(
      `${originals.n} originals of ${originals.dim} values but ${reconstructions.n} reconstructions of ${reconstructions.dim}`,
    );
  const out = new Float64Array(originals.n);
  for (let i = 0; i < originals.n; i++) {
    let sum = 0;
    for (let j = i * originals.dim; j < (i + 1) * originals.dim; j++) {
      const d = unitValue(originals.x, j) - unitValue(reconstructions.x, j);
      sum += d * d;
    }
    out[i] = sum / originals.dim;
  }
  return out;
}

export interface ClassError {
  readonly cls: number;
  readonly n: number;
  readonly mean: number;
  /** Standard error of the mean (NaN with fewer than two images). */
  readonly se: number;
  /** Test indices of the worst-reconstructed images of the class, worst first. */
  readonly worst: readonly number[];
}

/** Per class: how many images, their mean error with its standard error, and the `worst` worst. */
export function errorsByClass(errors: ArrayLike<number>, labels: Uint8Array, classes: number, worst = 3): ClassError[] {
  return Array.from({ length: classes }, (_, cls) => {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) idx.push(i);
    const n = idx.length;
    const mean = n ? idx.reduce((a, i) => a + errors[i]!, 0) / n : NaN;
    const variance = n > 1 ? idx.reduce((a, i) => a + (errors[i]! - mean) ** 2, 0) / (n - 1) : NaN;
    const sorted = [...idx].sort((a, b) => errors[b]! - errors[a]! || a - b);
    return { cls, n, mean, se: Math.sqrt(variance / n), worst: sorted.slice(0, worst) };
  });
}
