/**
 * The statistics behind the report's words. Two classifiers scored on the same test images are
 * compared image by image: only the discordant images (one right, the other wrong) carry
 * information about which is better, and McNemar's exact test asks whether they split more
 * unevenly than a fair coin would split them. The interval of the accuracy difference is the
 * Wald interval for paired proportions (Agresti, Categorical Data Analysis, 10.1).
 */
import type { Predictions } from '../types/stage-files.js';

export interface PairedComparison {
  /** Images both score on. */
  readonly n: number;
  /** Images A gets right and B wrong. */
  readonly onlyA: number;
  /** Images B gets right and A wrong. */
  readonly onlyB: number;
  /** Accuracy of A minus accuracy of B. */
  readonly difference: number;
  /** 95% interval of the difference. */
  readonly low: number;
  readonly high: number;
  /** Two-sided exact McNemar p-value. */
  readonly p: number;
}

/** Two-sided p-value of McNemar's exact test: the discordant pairs as Binomial(b + c, 1/2). */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // P(X <= k) summed in log space: n may be thousands, 0.5^n underflows.
  let logPmf = -n * Math.LN2; // P(X = 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += Math.exp(logPmf);
    logPmf += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, 2 * tail);
}

/** The paired comparison of two classifiers' predictions on the same images, from the counts. */
export function pairedFromCounts(n: number, onlyA: number, onlyB: number): PairedComparison {
  const difference = (onlyA - onlyB) / n;
  const se = Math.sqrt(Math.max(0, onlyA + onlyB - (onlyA - onlyB) ** 2 / n)) / n;
  return {
    n,
    onlyA,
    onlyB,
    difference,
    low: difference - 1.96 * se,
    high: difference + 1.96 * se,
    p: mcnemarExact(onlyA, onlyB),
  };
}

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
