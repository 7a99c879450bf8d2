/**
 * "Where the CNN on reconstructions loses": per digit, the accuracy of the classifier on the raw
 * digits beside the one on an autoencoder's reconstructions, each class's paired test (McNemar,
 * Holm-adjusted over the classes, from src/analysis/paired.ts) and the words it allows.
 */
import { pairedByClass, type ClassPaired } from '../analysis/paired.js';
import { classBarsChart } from '../pictures/index.js';
import type { Predictions } from '../types/stage-files.js';
import { formatPercent } from './format.js';
import { html, type Html } from './html.js';
import { pngFigure, table } from './page.js';

export interface LossPair {
  /** The classifier on the raw digits. */
  readonly raw: { readonly name: string; readonly predictions: Predictions };
  /** The classifier on the reconstructions. */
  readonly recon: { readonly name: string; readonly predictions: Predictions };
}

const ALPHA = 0.05;

/** The section's sentence: which digits the test says lose (or win), and that the rest cannot be told apart. */
export function lossWords(rows: readonly ClassPaired[], raw: string, recon: string): string {
  const worse = rows.filter((r) => r.pHolm < ALPHA && r.difference > 0).map((r) => String(r.cls));
  const better = rows.filter((r) => r.pHolm < ALPHA && r.difference < 0).map((r) => String(r.cls));
  const list = (xs: string[]) =>
    xs.length === 1 ? `digit ${xs[0]}` : `digits ${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
  const parts: string[] = [];
  if (worse.length) parts.push(`${recon} loses to ${raw} on ${list(worse)}`);
  if (better.length) parts.push(`${recon} does better than ${raw} on ${list(better)}`);
  if (!parts.length)
    return `On no digit does the paired test (McNemar, Holm-adjusted over the classes, 5% level) tell ${recon} from ${raw}: any loss is within what chance makes of these test images.`;
  const rest = rows.length - worse.length - better.length;
  return `${parts.join('; ')} (McNemar, Holm-adjusted over the classes, 5% level)${rest ? `; on the other ${rest} digits the test cannot tell them apart` : ''}.`;
}

export async function lossesSection(pair: LossPair): Promise<Html | undefined> {
  const a = pair.raw.predictions;
  const b = pair.recon.predictions;
  if (a.labels.length === 0 || a.labels.length !== b.labels.length || a.labels.some((l, i) => l !== b.labels[i]))
    return undefined;
  const classes = Math.max(...a.labels, ...a.predicted, ...b.predicted) + 1;
  const rows = pairedByClass(a.labels, a.predicted, b.predicted, classes).filter((r) => r.n > 0);
  const bars = rows.flatMap((r) => [
    { cls: String(r.cls), series: `${pair.raw.name} (raw digits)`, value: r.accA },
    { cls: String(r.cls), series: `${pair.recon.name} (reconstructions)`, value: r.accB },
  ]);
  const chart = await classBarsChart(bars, {
    title: `Accuracy per digit: ${pair.raw.name} against ${pair.recon.name}`,
    caption: ['test images of each digit; * : the paired test (McNemar, Holm-adjusted) holds at 5%'],
    xTitle: 'Digit',
    yTitle: 'Test accuracy',
    yFormat: '.0%',
    marked: rows.filter((r) => r.pHolm < ALPHA).map((r) => String(r.cls)),
  });
  const p = (v: number) => (v < 0.001 ? '<0.001' : v.toFixed(3));
  return html`<h3>Where the CNN on reconstructions loses</h3>
    <p>${lossWords(rows, pair.raw.name, pair.recon.name)}</p>
    ${pngFigure(chart, `accuracy per digit of ${pair.raw.name} and ${pair.recon.name}`, { scale: 1.5 })}
    ${table(
      [
        { label: 'digit', cell: (r: ClassPaired) => String(r.cls) },
        { label: 'test images', num: true, cell: (r) => String(r.n) },
        { label: pair.raw.name, num: true, cell: (r) => formatPercent(r.accA) },
        { label: pair.recon.name, num: true, cell: (r) => formatPercent(r.accB) },
        {
          label: 'difference (95% interval)',
          num: true,
          cell: (r) =>
            `${(r.difference * 100).toFixed(1)} (${(r.low * 100).toFixed(1)} to ${(r.high * 100).toFixed(1)}) points`,
        },
        { label: `only ${pair.raw.name} right`, num: true, cell: (r) => String(r.onlyA) },
        { label: `only ${pair.recon.name} right`, num: true, cell: (r) => String(r.onlyB) },
        { label: 'McNemar p', num: true, cell: (r) => p(r.p) },
        { label: 'Holm p', num: true, cell: (r) => p(r.pHolm) },
      ],
      rows,
    )}`;
}
