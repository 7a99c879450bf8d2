/**
 * A sweep's class information in its codes: linear-probe and kNN accuracy of each autoencoder's
 * test codes against the swept value, beside the accuracy of the CNN on its reconstructions, and
 * in words the swept value below which the code stops holding what a probe can read.
 */
import { sweepChart, type SweepPoint } from '../pictures/charts.js';
import { stageType } from '../stages/registry.js';
import { inlineSvg } from './charts.js';
import { reconstructionBaseline } from './comparison.js';
import { shortSetting } from './format.js';
import { html, type Html } from './html.js';
import type { SweepFolder } from './read.js';
import type { TrialRow } from './sweep-rows.js';
import { formatPercent } from './format.js';
import { CONFIDENCE, meanInterval } from '../util/intervals.js';
import { metricRange } from '../util/metric-direction.js';

export interface ProbeRow {
  readonly x: number;
  readonly probe?: number;
  readonly knn?: number;
  /** The CNN on the reconstructions, when the experiment has one. */
  readonly cnn?: number;
}

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
      const { n, mean, low, high } = meanInterval(vs, CONFIDENCE, metricRange(`${key}_acc`));
      return { x, mean, low, high, n };
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

/** Probe, kNN and CNN accuracy against the swept value (means over repeats), as SVG. */
export async function probeChart(
  rows: readonly ProbeRow[],
  xTitle: string,
  logX: boolean,
  title: string,
): Promise<string | undefined> {
  const points: SweepPoint[] = [];
  const series: [key: 'probe' | 'knn' | 'cnn', name: string][] = [
    ['probe', 'linear probe on the codes'],
    ['knn', 'kNN (k = 5) on the codes'],
    ['cnn', 'CNN on the reconstructions'],
  ];
  for (const [key, name] of series)
    for (const s of summarise(rows, key))
      points.push({ x: s.x, y: s.mean, series: name, ...(s.n > 1 ? { low: s.low, high: s.high } : {}) });
  if (!points.length) return undefined;
  return (await sweepChart(points, xTitle, 'Test accuracy (mean over repeats)', { logX, title })).svg;
}

/**
 * The sweep report's section: for each autoencoder with analyses and each numeric swept setting,
 * the chart and the words. Trials are read from their own folders (the probes are not test metrics
 * of the summary).
 */
export async function probeSection(
  sweep: SweepFolder,
  rows: readonly TrialRow[],
  keys: readonly string[],
  /** Whether the swept values are best shown on a log axis (the sweep report's rule). */
  wantsLogX: (xs: readonly number[]) => boolean,
): Promise<Html | undefined> {
  const config = sweep.config;
  if (!config) return undefined;
  const aes = Object.entries(config.stages ?? {}).filter(([, s]) => stageType(s.type)?.analyses?.length);
  const parts: Html[] = [];
  for (const [ae] of aes) {
    const cnn = Object.keys(config.stages ?? {}).find(
      (n) =>
        reconstructionBaseline(config, n) !== undefined &&
        (config.stages?.[n] as { input?: string }).input === `${ae}.reconstructions`,
    );
    for (const key of keys) {
      const probeRows: ProbeRow[] = rows.flatMap((r) => {
        const x = r.assignment[key];
        const metrics = sweep.trials.get(r.id)?.record.stages[ae]?.metrics;
        if (r.status !== 'finished' || typeof x !== 'number' || !metrics) return [];
        return [
          { x, probe: metrics.probe_acc, knn: metrics.knn_acc, cnn: cnn ? r.metrics[`${cnn}.test_acc`] : undefined },
        ];
      });
      // Runs from before the analyses have no probes: nothing to say of them.
      if (new Set(probeRows.filter((p) => p.probe !== undefined).map((p) => p.x)).size < 2) continue;
      const xTitle = shortSetting(key);
      const title = `${ae}: class information in the codes against ${xTitle}`;
      const svg = await probeChart(probeRows, xTitle, wantsLogX(probeRows.map((p) => p.x)), title);
      const words = probeWords(probeRows, xTitle);
      if (svg)
        parts.push(
          html`${words ? html`<p>${words}</p>` : ''}
            <div class="charts">${inlineSvg(svg, title)}</div>`,
        );
    }
  }
  return parts.length
    ? html`<section id="probes">
        <h2>
          Class information in the codes
          <span class="sub"
            >linear probe and kNN on each autoencoder's test codes, beside the CNN on its reconstructions</span
          >
        </h2>
        ${parts}
      </section>`
    : undefined;
}
