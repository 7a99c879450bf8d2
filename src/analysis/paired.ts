/**
 * Two classifiers scored on the same test images, compared image by image: only the discordant
 * images (one right, the other wrong) carry information about which is better, and McNemar's
 * exact test asks whether they split more unevenly than a fair coin would split them. The
 * interval of the accuracy difference is the Wald interval for paired proportions (Agresti,
 * Categorical Data Analysis, 10.1). Per class, the ten tests are Holm-adjusted, so that "differs
 * on class c" holds at the 5% level for the family of classes, not for each one alone.
 */

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

export interface ClassPaired extends PairedComparison {
  readonly cls: number;
  /** Accuracy of A and of B on the images of this class. */
  readonly accA: number;
  readonly accB: number;
  /** Holm-adjusted p over the classes. */
  readonly pHolm: number;
}

/** Per class (true label), the paired comparison of A and B on that class's images. */
export function pairedByClass(
  labels: ArrayLike<number>,
  predictedA: ArrayLike<number>,
  predictedB: ArrayLike<number>,
  classes: number,
): ClassPaired[] {
  if (predictedA.length !== labels.length || predictedB.length !== labels.length)
    throw new Error(`${labels.length} labels, ${predictedA.length} and ${predictedB.length} predictions`);
  const n = new Array<number>(classes).fill(0);
  const rightA = new Array<number>(classes).fill(0);
  const rightB = new Array<number>(classes).fill(0);
  const onlyA = new Array<number>(classes).fill(0);
  const onlyB = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const a = predictedA[i] === c;
    const b = predictedB[i] === c;
    n[c]!++;
    if (a) rightA[c]!++;
    if (b) rightB[c]!++;
    if (a && !b) onlyA[c]!++;
    if (b && !a) onlyB[c]!++;
  }
  const rows = n.map((count, cls) => ({
    ...pairedFromCounts(Math.max(1, count), onlyA[cls]!, onlyB[cls]!),
    n: count,
    cls,
    accA: count ? rightA[cls]! / count : NaN,
    accB: count ? rightB[cls]! / count : NaN,
  }));
  const adjusted = holm(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, pHolm: adjusted[i]! }));
}

/** Holm's step-down adjustment of a family of p-values (each adjusted p, in the input order). */
export function holm(ps: readonly number[]): number[] {
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(ps.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Test indices that A classifies right and B wrong, in test order. */
export function rightOnlyFor(
  labels: ArrayLike<number>,
  predictedA: ArrayLike<number>,
  predictedB: ArrayLike<number>,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (predictedA[i] === labels[i] && predictedB[i] !== labels[i]) out.push(i);
  return out;
}
