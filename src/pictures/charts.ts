/**
 * The charts a run writes, as vega-lite specs rendered to SVG (vega-render.ts). Each returns the
 * SVG; `toPng` from vega-render.ts turns it into a PNG. They go through render-cache.ts, so a chart
 * drawn before from the same numbers loads no vega.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartSvg } from './render-cache.js';

export interface Chart {
  readonly svg: string;
}

/**
 * Heatmap of a confusion matrix: true class on y, predicted on x, the count written in each cell.
 * Cells are shaded by the share of the true class (the row), so that a weak class shows even when
 * classes differ in size; the diagonal share is that class's recall.
 */
export async function confusionMatrixChart(
  matrix: readonly (readonly number[])[],
  classNames: readonly string[],
  opts: { title?: string } = {},
): Promise<Chart> {
  const k = matrix.length;
  if (classNames.length !== k || matrix.some((row) => row.length !== k)) {
    throw new Error(`confusion matrix must be ${classNames.length}x${classNames.length} to match the class names`);
  }
  const values = matrix.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, p) => ({
      t: classNames[t]!,
      p: classNames[p]!,
      count,
      share: total > 0 ? count / total : 0,
    }));
  });
  const order = [...classNames];
  const spec: TopLevelSpec = {
    ...(opts.title ? { title: opts.title } : {}),
    data: { values },
    width: { step: 36 },
    height: { step: 36 },
    encoding: {
      x: {
        field: 'p',
        type: 'ordinal',
        sort: order,
        title: 'Predicted class',
        axis: { labelAngle: 0, orient: 'bottom' },
      },
      y: { field: 't', type: 'ordinal', sort: order, title: 'True class' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#dddddd', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            title: 'Share of true class',
            // White for zero and a square-root ramp, so that a 1-2% confusion still shows a tint.
            scale: { type: 'sqrt', domain: [0, 1], range: ['#ffffff', '#08519c'], interpolate: 'lab' },
            legend: { format: '.0%', gradientLength: Math.max(80, 36 * k - 20) },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          // Dark cells get white text so the count stays readable; zeros recede in gray.
          color: {
            condition: [
              { test: 'datum.share > 0.4', value: 'white' },
              { test: 'datum.count === 0', value: '#9a9a9a' },
            ],
            value: 'black',
          },
        },
      },
    ],
  };
  return { svg: await chartSvg(spec) };
}

export interface Series {
  readonly name: string;
  readonly points: readonly { readonly epoch: number; readonly value: number }[];
}

/** Loss (or any metric) per epoch, one line per series, e.g. "train" and "validation". */
export async function lossCurvesChart(
  series: readonly Series[],
  title: string,
  opts: { yTitle?: string; logY?: boolean } = {},
): Promise<Chart> {
  const values = series.flatMap((s) =>
    s.points.filter((p) => Number.isFinite(p.value)).map((p) => ({ series: s.name, epoch: p.epoch, value: p.value })),
  );
  const maxEpoch = Math.max(1, ...values.map((v) => v.epoch));
  const spec: TopLevelSpec = {
    title,
    data: { values },
    width: 420,
    height: 260,
    mark: { type: 'line', point: maxEpoch <= 30 },
    encoding: {
      x: {
        field: 'epoch',
        type: 'quantitative',
        title: 'Epoch',
        // Whole epochs only: no "1.5" ticks on short runs.
        axis: { tickMinStep: 1, format: 'd' },
        scale: { nice: false, zero: false },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: opts.yTitle ?? 'Loss',
        scale: { zero: false, ...(opts.logY ? { type: 'log' } : {}) },
      },
      // Legend outside the plot: a diverging validation curve must not run under it.
      color: { field: 'series', type: 'nominal', title: null, sort: series.map((s) => s.name) },
    },
  };
  return { svg: await chartSvg(spec) };
}

export interface SweepPoint {
  readonly x: number;
  readonly y: number;
  readonly series?: string;
  /** An interval around y (a mean's 95% interval over repeats), drawn as an error bar. */
  readonly low?: number;
  readonly high?: number;
}

/** One measure against one swept setting (e.g. test loss against latent size), one line per series. */
export async function sweepChart(
  points: readonly SweepPoint[],
  xTitle: string,
  yTitle: string,
  opts: { logX?: boolean; title?: string } = {},
): Promise<Chart> {
  const values = points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!opts.logX || p.x > 0))
    .map((p) => ({
      x: p.x,
      y: p.y,
      series: p.series ?? '',
      ...(p.low !== undefined && p.high !== undefined ? { low: p.low, high: p.high } : {}),
    }));
  const xs = [...new Set(values.map((v) => v.x))].sort((a, b) => a - b);
  const hasSeries = values.some((v) => v.series !== '');
  const hasBars = values.some((v) => 'low' in v);
  const allPowersOfTwo = xs.every((x) => Number.isInteger(Math.log2(x)));
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: xTitle,
    scale: opts.logX
      ? { type: 'log' as const, base: allPowersOfTwo ? 2 : 10, nice: false }
      : { zero: false, nice: false },
    // A sweep has few settings: tick exactly those, so each point sits on a labelled value.
    axis: xs.length <= 12 ? { values: xs, format: '.6~g' } : { format: '.6~g' },
  };
  const color = hasSeries ? { color: { field: 'series', type: 'nominal' as const, title: null } } : {};
  const line = {
    mark: { type: 'line' as const, point: true },
    encoding: { x, y: { field: 'y', type: 'quantitative' as const, title: yTitle, scale: { zero: false } }, ...color },
  };
  const bars = {
    transform: [{ filter: 'isValid(datum.low)' }],
    mark: { type: 'errorbar' as const, ticks: true },
    encoding: {
      x,
      y: { field: 'low', type: 'quantitative' as const, title: yTitle, scale: { zero: false } },
      y2: { field: 'high' },
      ...color,
    },
  };
  const spec: TopLevelSpec = {
    ...(opts.title ? { title: opts.title } : {}),
    data: { values },
    width: 420,
    height: 260,
    ...(hasBars ? { layer: [line, bars] } : line),
  } as TopLevelSpec;
  return { svg: await chartSvg(spec) };
}
