/**
 * The latent map: codes placed in two dimensions (the code itself when it has two values, else
 * its PCA and UMAP maps side by side), one point per test image, coloured by its digit.
 */
import type { TopLevelSpec } from 'vega-lite';
import { toPng, vegaLiteToSvg } from './vega-render.js';

export interface MapPanel {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** x, y of each point, interleaved. */
  readonly points: Float32Array;
  /** The class of each point. */
  readonly labels: ArrayLike<number>;
}

/** The panels side by side with one shared digit legend, as PNG. */
export async function latentMapFigure(
  panels: readonly MapPanel[],
  opts: { title: string; caption?: readonly string[]; classNames?: readonly string[] },
): Promise<Buffer> {
  const names = opts.classNames ?? Array.from({ length: 10 }, (_, i) => String(i));
  const spec: TopLevelSpec = {
    title: { text: opts.title, anchor: 'start', ...(opts.caption?.length ? { subtitle: [...opts.caption] } : {}) },
    hconcat: panels.map((p) => ({
      title: p.title,
      width: 300,
      height: 300,
      data: {
        values: Array.from({ length: p.labels.length }, (_, i) => ({
          x: p.points[2 * i]!,
          y: p.points[2 * i + 1]!,
          digit: names[p.labels[i]!] ?? String(p.labels[i]),
        })),
      },
      mark: { type: 'circle', size: 6, opacity: 0.6 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: p.xTitle, scale: { zero: false, nice: false } },
        y: { field: 'y', type: 'quantitative', title: p.yTitle, scale: { zero: false, nice: false } },
        color: {
          field: 'digit',
          type: 'nominal',
          title: 'Digit',
          sort: [...names],
          scale: { scheme: 'category10' },
          legend: { symbolOpacity: 1, symbolSize: 60 },
        },
      },
    })),
    resolve: { scale: { color: 'shared' } },
  };
  return toPng(await vegaLiteToSvg(spec), { scale: 1.5 });
}
