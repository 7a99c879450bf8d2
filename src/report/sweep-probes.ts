/**
 * A sweep's class information in its codes: linear-probe and kNN accuracy of each autoencoder's
 * test codes against the swept value, beside the accuracy of the CNN on its reconstructions, and
 * in words the swept value below which the code stops holding what a probe can read.
 */
import { sweepChart, toPng, type SweepPoint } from '../pictures/index.js';
import { formatPercent } from './format.js';

export interface ProbeRow {
  readonly x: number;
  readonly probe?: number;
  readonly knn?: number;
  /** The CNN on the reconstructions, when the experiment has one. */
  readonly cnn?: number;
}

/** Two-sided 97.5% quantiles of Student's t for 1..10 degrees of freedom (beyond: 1.96 is close enough in words). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

export interface Summary {
  readonly x: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

/** Mean per swept value with the t interval of the repeats (the mean itself when there is one repeat). */
export function summarise(rows: readonly ProbeRow[], key: 'probe' | 'knn' | 'cnn'): Summary[] {
  const byX = new Map<number, number[]>();
  for (const r of rows) {
    const v = r[key];
    if (v === undefined || !Number.isFinite(v)) continue;
    byX.set(r.x, [...(byX.get(r.x) ?? []), v]);
  }
  return [...byX.entries()]
    .sort(([a], [b]) => a - b)
    .map(([x, vs]) => {
      const n = vs.length;
      const mean = vs.reduce((a, b) => a + b, 0) / n;
      if (n < 2) return { x, mean, low: mean, high: mean, n };
      const sd = Math.sqrt(vs.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
      const half = (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
      return { x, mean, low: mean - half, high: mean + half, n };
    });
}

/** How far below its best a probe's accuracy must fall before the words say the code lost class information. */
const DROP = 0.05;

export function probeWords(rows: readonly ProbeRow[], xTitle: string): string | undefined {
  const probe = summarise(rows, 'probe');
  if (probe.length < 2) return undefined;
  const best = probe.reduce((a, b) => (b.mean > a.mean ? b : a));
  const fallen = probe.filter((p) => p.mean < best.mean - DROP && (p.n < 2 || best.n < 2 || p.high < best.low));
  const knn = summarise(rows, 'knn');
  const knnAt = (x: number) => knn.find((k) => k.x === x);
  const at = (p: Summary) =>
    `${formatPercent(p.mean, 1)} at ${xTitle} ${p.x}${knnAt(p.x) ? ` (kNN ${formatPercent(knnAt(p.x)!.mean, 1)})` : ''}`;
  const head = `A linear probe reads the digit from the test codes for ${at(best)}, its best`;
  if (!fallen.length)
    return `${head}; at no swept value does it fall more than ${DROP * 100} points below that: every code tried keeps the class information a linear probe can read.`;
  const below = fallen.filter((p) => p.x < best.x);
  const edge = below.length ? below.reduce((a, b) => (b.x > a.x ? b : a)) : undefined;
  const list = fallen.map(at).join(', ');
  return `${head}; it falls more than ${DROP * 100} points below that at ${list}${
    edge
      ? `: below ${xTitle} ${probe.find((p) => p.x > edge.x)?.x ?? best.x} the code stops holding class information a linear probe can read`
      : ''
  }.`;
}

/** Probe, kNN and CNN accuracy against the swept value, with the repeats' intervals as separate lines when they exist. */
export async function probeChart(
  rows: readonly ProbeRow[],
  xTitle: string,
  logX: boolean,
): Promise<Buffer | undefined> {
  const points: SweepPoint[] = [];
  const series: [key: 'probe' | 'knn' | 'cnn', name: string][] = [
    ['probe', 'linear probe on the codes'],
    ['knn', 'kNN (k = 5) on the codes'],
    ['cnn', 'CNN on the reconstructions'],
  ];
  for (const [key, name] of series)
    for (const s of summarise(rows, key)) points.push({ x: s.x, y: s.mean, series: name });
  if (!points.length) return undefined;
  const chart = await sweepChart(points, xTitle, 'Test accuracy (mean over repeats)', {
    logX,
    title: 'Class information in the codes against the swept value',
  });
  return toPng(chart.svg);
}
