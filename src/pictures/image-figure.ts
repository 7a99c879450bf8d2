/**
 * Figures made of images (the digits a model made or damaged), with a title, a caption that says
 * what the reader sees, and row labels; or one image grid placed on latent axes (the digit
 * manifold). The pixels come from image-grid.ts as one embedded PNG, the text through vega-lite,
 * as in autoencoder-figure.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { layoutImageRows, renderImageRows, type GridOptions, type ImageRow } from './image-grid.js';
import { textWidth } from './text-metrics.js';
import { toPng, vegaLiteToSvg } from './vega-render.js';

export interface ImageFigureOptions extends GridOptions {
  readonly title: string;
  /** Lines under the title that say what the rows and columns are (the figure's legend). */
  readonly caption?: readonly string[];
}

const LABEL_FONT = 12;

function titleOf(title: string, caption: readonly string[] = []) {
  return {
    text: title,
    anchor: 'start' as const,
    ...(caption.length ? { subtitle: [...caption], subtitleFontSize: 11, subtitleColor: '#444444' } : {}),
  };
}

function gridLayer(png: Buffer, x: number, width: number, height: number) {
  return {
    data: { values: [{ url: `data:image/png;base64,${png.toString('base64')}` }] },
    mark: {
      type: 'image' as const,
      x,
      y: 0,
      width,
      height,
      align: 'left' as const,
      baseline: 'top' as const,
      aspect: false,
      aria: false,
    },
    encoding: { url: { field: 'url', type: 'nominal' as const } },
  };
}

/** Rows of images with a label left of each row, under a title and caption, as PNG. */
export async function imageRowsFigure(rows: readonly ImageRow[], opts: ImageFigureOptions): Promise<Buffer> {
  const layout = layoutImageRows(rows, opts);
  const grid = renderImageRows(rows, opts);
  const labelWidth = Math.max(0, ...rows.map((r) => textWidth(r.label, LABEL_FONT)));
  const margin = 8;
  const gridLeft = labelWidth > 0 ? Math.ceil(labelWidth) + 2 * margin : 0;
  const spec: TopLevelSpec = {
    title: titleOf(opts.title, opts.caption),
    width: gridLeft + layout.width,
    height: layout.height,
    autosize: { type: 'pad' },
    layer: [
      gridLayer(grid, gridLeft, layout.width, layout.height),
      {
        data: {
          values: rows.map((r, i) => ({
            label: r.label,
            x: gridLeft - margin,
            y: layout.rowTops[i]! + layout.cellHeight / 2,
          })),
        },
        mark: { type: 'text', align: 'right', baseline: 'middle', fontSize: LABEL_FONT, aria: false },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: null },
          y: { field: 'y', type: 'quantitative', scale: null },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  return toPng(await vegaLiteToSvg(spec), { scale: 1 });
}

export interface AxesFigureOptions extends ImageFigureOptions {
  readonly xTitle: string;
  readonly yTitle: string;
  /** The values at the centres of the first and last column (left to right) and row (bottom to top). */
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/**
 * One grid of k x k images placed on axes: the image in column i, row j (from the bottom) decoded
 * from the point (x_i, y_j). The axes run through the cell centres, so each tick sits on a column.
 */
export async function imageGridOnAxes(cells: readonly ImageRow[], opts: AxesFigureOptions): Promise<Buffer> {
  const layout = layoutImageRows(cells, { ...opts, gap: 0 });
  const grid = renderImageRows(cells, { ...opts, gap: 0 });
  const cols = Math.max(...cells.map((r) => r.images.length));
  const rows = cells.length;
  // The scale spans the outer edges of the cells: half a cell beyond the first and last centre.
  const edge = (range: readonly [number, number], n: number): [number, number] => {
    const step = n > 1 ? (range[1] - range[0]) / (n - 1) : 1;
    return [range[0] - step / 2, range[1] + step / 2];
  };
  const spec: TopLevelSpec = {
    title: titleOf(opts.title, opts.caption),
    width: layout.width,
    height: layout.height,
    autosize: { type: 'pad' },
    layer: [
      gridLayer(grid, 0, layout.width, layout.height),
      {
        data: {
          values: [
            { x: opts.x[0], y: opts.y[0] },
            { x: opts.x[1], y: opts.y[1] },
          ],
        },
        mark: { type: 'point', opacity: 0 },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            title: opts.xTitle,
            scale: { domain: edge(opts.x, cols), nice: false, zero: false },
            axis: { format: '.2~f', tickCount: Math.min(cols, 8) },
          },
          y: {
            field: 'y',
            type: 'quantitative',
            title: opts.yTitle,
            scale: { domain: edge(opts.y, rows), nice: false, zero: false },
            axis: { format: '.2~f', tickCount: Math.min(rows, 8) },
          },
        },
      },
    ],
  };
  return toPng(await vegaLiteToSvg(spec), { scale: 1 });
}
