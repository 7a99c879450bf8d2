/**
 * The statistics behind the report's words. The paired test of two classifiers (McNemar's exact
 * test and the interval of the accuracy difference) lives in src/analysis/paired.ts, shared with
 * the analyses; here: applying it to two stages' predictions, and chance and collapse.
 */
import type { Predictions } from '../types/stage-files.js';
import { pairedFromCounts, type PairedComparison } from '../analysis/paired.js';

export { mcnemarExact, pairedFromCounts, type PairedComparison } from '../analysis/paired.js';

/** Undefined when the two were not scored on the same images (different counts or labels). */
export function pairedComparison(a: Predictions, b: Predictions): PairedComparison | undefined {
  const n = a.labels.length;
  if (n === 0 || b.labels.length !== n || a.labels.some((l, i) => l !== b.labels[i])) return undefined;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < n; i++) {
    const rightA = a.predicted[i] === a.labels[i];
    const rightB = b.predicted[i] === b.labels[i];
    if (rightA && !rightB) onlyA++;
    else if (rightB && !rightA) onlyB++;
  }
  return pairedFromCounts(n, onlyA, onlyB);
}

/** Per class: how many test images have it as label, and how many were predicted as it. */
export interface ClassCounts {
  readonly labels: readonly number[];
  readonly predicted: readonly number[];
}

/** From a confusion matrix (rows: true class, columns: predicted class). */
export function classCounts(matrix: readonly (readonly number[])[]): ClassCounts {
  return {
    labels: matrix.map((row) => row.reduce((a, b) => a + b, 0)),
    predicted: matrix[0]?.map((_, c) => matrix.reduce((a, row) => a + (row[c] ?? 0), 0)) ?? [],
  };
}

/**
 * Chance for a classifier on these images: the better of guessing uniformly (1 / classes) and
 * always answering the commonest class.
 */
export function chanceAccuracy(counts: ClassCounts): number {
  const n = counts.labels.reduce((a, b) => a + b, 0);
  if (!n || !counts.labels.length) return 0;
  return Math.max(1 / counts.labels.length, Math.max(...counts.labels) / n);
}

/** Share of the images the most predicted class takes, and that class; a classifier "collapses" at >= COLLAPSED. */
export function dominantPrediction(counts: ClassCounts): { cls: number; share: number } {
  const n = counts.predicted.reduce((a, b) => a + b, 0);
  const top = Math.max(...counts.predicted);
  return { cls: counts.predicted.indexOf(top), share: n ? top / n : 0 };
}

/** One class predicted for at least this share of the images: the classifier has collapsed. */
export const COLLAPSED = 0.5;
