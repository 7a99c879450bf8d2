/** Charts with one group of bars per class: reconstruction error per digit, accuracy per digit. */
import type { TopLevelSpec } from 'vega-lite';
import { toPng, vegaLiteToSvg } from './vega-render.js';

export interface ClassBar {
  readonly cls: string;
  /** Which series the bar belongs to (the legend's entry). */
  readonly series: string;
  readonly value: number;
  /** The 95% interval drawn as a line through the bar's top; omitted when not known. */
  readonly low?: number;
  readonly high?: number;
}

/**
 * Bars per class, one colour per series with its legend, the intervals as black lines; classes
 * named in `marked` get a star above their group (e.g. a paired test that holds).
 */
export async function classBarsChart(
  bars: readonly ClassBar[],
  opts: {
    title: string;
    caption?: readonly string[];
    xTitle: string;
    yTitle: string;
    yFormat?: string;
    marked?: readonly string[];
  },
): Promise<Buffer> {
  const classes = [...new Set(bars.map((b) => b.cls))];
  const series = [...new Set(bars.map((b) => b.series))];
  const top = Math.max(...bars.map((b) => (Number.isFinite(b.high) ? b.high! : b.value)));
  const values = bars.map((b) => ({ ...b, low: b.low ?? b.value, high: b.high ?? b.value }));
  const x = { field: 'cls', type: 'nominal' as const, title: opts.xTitle, sort: classes, axis: { labelAngle: 0 } };
  const y = {
    type: 'quantitative' as const,
    title: opts.yTitle,
    ...(opts.yFormat ? { axis: { format: opts.yFormat } } : {}),
  };
  const spec: TopLevelSpec = {
    title: { text: opts.title, anchor: 'start', ...(opts.caption?.length ? { subtitle: [...opts.caption] } : {}) },
    width: classes.length * (16 * series.length + 12),
    height: 240,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x,
          xOffset: { field: 'series', sort: series },
          y: { field: 'value', ...y },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: series,
            legend: { orient: 'bottom', direction: 'vertical' },
          },
        },
      },
      {
        data: { values },
        mark: { type: 'rule', color: 'black' },
        encoding: { x, xOffset: { field: 'series', sort: series }, y: { field: 'low', ...y }, y2: { field: 'high' } },
      },
      {
        data: { values: (opts.marked ?? []).map((cls) => ({ cls, y: top })) },
        mark: { type: 'text', text: '*', fontSize: 16, dy: -6, baseline: 'bottom' },
        encoding: { x, y: { field: 'y', ...y } },
      },
    ],
  };
  return toPng(await vegaLiteToSvg(spec), { scale: 1.5 });
}
