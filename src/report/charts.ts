/**
 * Charts placed in the page as inline SVG. vega names its gradients and clip paths "gradient_0",
 * "clip1" in every chart; inside one HTML document ids are shared, so each chart's ids get a
 * prefix of their own, or a second chart would clip or shade itself with the first one's.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricLine } from '../run-store/index.js';
import { lossCurvesChart, type Series } from '../pictures/charts.js';
import { chartSvg } from '../pictures/render-cache.js';
import { raw, type Html } from './html.js';

let counter = 0;

/** The SVG with its ids made unique in the page and its size left to the stylesheet. */
export function inlineSvg(svg: string, label: string): Html {
  const prefix = `c${++counter}-`;
  const body = svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`)
    // The chart is an image to assistive technology, named by the label (escaped: it may hold a stage name).
    .replace(/^<svg\b/, `<svg role="img" aria-label="${label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}"`);
  return raw(`<div class="chart">${body}</div>`);
}

/** Per-epoch series of one stage from metrics.jsonl: `loss`/`val_loss` as train/validation, and so on. */
export function epochSeries(lines: readonly MetricLine[], stage: string, key: string): Series[] {
  const pick = (k: string) =>
    lines
      .filter((l) => l.stage === stage && l.key === k && Number.isFinite(l.value))
      .map((l) => ({ epoch: l.step, value: l.value }))
      .sort((a, b) => a.epoch - b.epoch);
  const out: Series[] = [];
  const train = pick(key);
  const validation = pick(`val_${key}`);
  if (train.length) out.push({ name: 'train', points: dedupe(train) });
  if (validation.length) out.push({ name: 'validation', points: dedupe(validation) });
  return out;
}

/** A resumed stage may have logged an epoch twice: the last value of an epoch wins. */
function dedupe(points: { epoch: number; value: number }[]): { epoch: number; value: number }[] {
  const byEpoch = new Map<number, number>();
  for (const p of points) byEpoch.set(p.epoch, p.value);
  return [...byEpoch].map(([epoch, value]) => ({ epoch, value }));
}

/** The loss curves of a stage, and its accuracy curves when it logged any; empty when it logged no epochs. */
export async function stageCurves(lines: readonly MetricLine[], stage: string): Promise<Html[]> {
  const charts: Html[] = [];
  const loss = epochSeries(lines, stage, 'loss');
  if (loss.length)
    charts.push(inlineSvg((await lossCurvesChart(loss, `${stage}: loss per epoch`)).svg, `${stage}: loss per epoch`));
  const acc = epochSeries(lines, stage, 'acc');
  if (acc.length)
    charts.push(
      inlineSvg(
        (await lossCurvesChart(acc, `${stage}: accuracy per epoch`, { yTitle: 'Accuracy' })).svg,
        `${stage}: accuracy per epoch`,
      ),
    );
  return charts;
}

/** A measure against a setting whose values are words (a variant, an optimizer): points over categories. */
export async function categoryChart(
  points: readonly { x: string; y: number; series?: string }[],
  xTitle: string,
  yTitle: string,
  title: string,
): Promise<string> {
  const values = points.filter((p) => Number.isFinite(p.y)).map((p) => ({ x: p.x, y: p.y, series: p.series ?? '' }));
  const hasSeries = values.some((v) => v.series !== '');
  const spec: TopLevelSpec = {
    title,
    data: { values },
    width: { step: 60 },
    height: 260,
    mark: { type: 'point', filled: true, size: 80 },
    encoding: {
      x: {
        field: 'x',
        type: 'nominal',
        title: xTitle,
        sort: [...new Set(values.map((v) => v.x))],
        axis: { labelAngle: 0 },
      },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false } },
      ...(hasSeries ? { color: { field: 'series', type: 'nominal' as const, title: null } } : {}),
    },
  };
  return chartSvg(spec);
}
