/** Classification metrics from labels and predictions: the numbers behind the confusion chart. */

/** matrix[t][p] = how many samples of true class t were predicted as class p. */
export function confusionMatrix(labels: Uint8Array, predictions: Uint8Array, classes: number): number[][] {
  if (labels.length !== predictions.length) {
    throw new Error(`${labels.length} labels but ${predictions.length} predictions`);
  }
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    if (t >= classes || p >= classes)
      throw new Error(`sample ${i}: class ${Math.max(t, p)} is outside 0..${classes - 1}`);
    m[t]![p]!++;
  }
  return m;
}

export interface ClassScores {
  readonly cls: number;
  /** Of the samples predicted as this class, the fraction that are; NaN when none was predicted. */
  readonly precision: number;
  /** Of the samples of this class, the fraction predicted as it; NaN when the class has no samples. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; NaN when either is NaN, 0 when both are 0. */
  readonly f1: number;
  /** Number of samples of this class. */
  readonly support: number;
}

export function perClassScores(matrix: readonly (readonly number[])[]): ClassScores[] {
  const k = matrix.length;
  return Array.from({ length: k }, (_, c) => {
    const tp = matrix[c]![c]!;
    const support = rowSum(matrix[c]!);
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += matrix[t]![c]!;
    const precision = predicted > 0 ? tp / predicted : NaN;
    const recall = support > 0 ? tp / support : NaN;
    const f1 =
      Number.isNaN(precision) || Number.isNaN(recall)
        ? NaN
        : precision + recall > 0
          ? (2 * precision * recall) / (precision + recall)
          : 0;
    return { cls: c, precision, recall, f1, support };
  });
}

export function precision(matrix: readonly (readonly number[])[], cls: number): number {
  return perClassScores(matrix)[cls]!.precision;
}

export function recall(matrix: readonly (readonly number[])[], cls: number): number {
  return perClassScores(matrix)[cls]!.recall;
}

/** Fraction of samples on the diagonal (NaN for an empty matrix). */
export function accuracy(matrix: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, t) => {
    correct += row[t] ?? 0;
    total += rowSum(row);
  });
  return total > 0 ? correct / total : NaN;
}

function rowSum(row: readonly number[]): number {
  return row.reduce((a, b) => a + b, 0);
}
