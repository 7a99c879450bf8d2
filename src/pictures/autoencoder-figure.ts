/**
 * Image rows with their labels: the pixel grid from image-grid.ts embedded as one image in a
 * vega-lite chart, labels as text marks beside the rows, so the text is set in the bundled font
 * by the same path as the charts. The grid keeps its exact pixels: it is placed at whole-pixel
 * offsets and rasterised at scale 1.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Samples } from '../types/samples.js';
import { floatRange } from '../util/pixels.js';
import {
  codeToImage,
  layoutImageRows,
  renderImageRows,
  valueRange,
  type GridImage,
  type GridLayout,
  type GridOptions,
  type ImageRow,
} from './image-grid.js';
import { textWidth } from './text-metrics.js';
import { toPng, vegaLiteToSvg } from './vega-render.js';

export interface LabelledRowsOptions extends GridOptions {
  /** Default 13. */
  readonly labelFontSize?: number;
}

export interface LabelledRows {
  readonly svg: string;
  /** Where the grid sits: its left edge in the SVG, and the grid's own layout. */
  readonly gridLeft: number;
  readonly layout: GridLayout;
}

export async function labelledImageRows(
  rows: readonly ImageRow[],
  opts: LabelledRowsOptions = {},
): Promise<LabelledRows> {
  const layout = layoutImageRows(rows, opts);
  const grid = renderImageRows(rows, opts);
  const fontSize = opts.labelFontSize ?? 13;
  const labelWidth = Math.max(0, ...rows.map((r) => textWidth(r.label, fontSize)));
  const margin = 8;
  const gridLeft = Math.ceil(labelWidth) + 2 * margin;
  const width = gridLeft + layout.width;
  const height = layout.height;
  const labels = rows.map((r, i) => ({
    label: r.label,
    x: gridLeft - margin,
    y: layout.rowTops[i]! + layout.cellHeight / 2,
  }));
  const spec: TopLevelSpec = {
    width,
    height,
    padding: 0,
    autosize: { type: 'none' },
    layer: [
      {
        data: { values: [{ url: `data:image/png;base64,${grid.toString('base64')}` }] },
        mark: {
          type: 'image',
          x: gridLeft,
          y: 0,
          width: layout.width,
          height: layout.height,
          align: 'left',
          baseline: 'top',
          aspect: false,
          aria: false,
        },
        encoding: { url: { field: 'url', type: 'nominal' } },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'right', baseline: 'middle', fontSize, aria: false },
        encoding: {
          // scale: null puts the values straight in pixels.
          x: { field: 'x', type: 'quantitative', scale: null },
          y: { field: 'y', type: 'quantitative', scale: null },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  return { svg: await vegaLiteToSvg(spec), gridLeft, layout };
}

export interface AutoencoderFigureOptions extends LabelledRowsOptions {
  /** How many samples to show. Default 10. */
  readonly count?: number;
  /** Row labels drawn in the PNG (default true); false gives the bare pixel grid. */
  readonly labels?: boolean;
}

/**
 * The seed's autoencoder figure as PNG: test originals, their codes (scaled per row to [0,1]:
 * codes are not in [0,1]; image-shaped codes as a mosaic of their channels) and reconstructions.
 */
export async function autoencoderFigure(
  originals: Samples,
  codes: Samples,
  reconstructions: Samples,
  opts: AutoencoderFigureOptions = {},
): Promise<Buffer> {
  const count = Math.min(opts.count ?? 10, originals.n, codes.n, reconstructions.n);
  const rows = autoencoderRows(originals, codes, reconstructions, count);
  if (opts.labels === false) return renderImageRows(rows, opts);
  const { svg } = await labelledImageRows(rows, opts);
  return toPng(svg, { scale: 1 });
}

/** The three rows of the figure, for callers that want the pixels or their own layout. */
export function autoencoderRows(
  originals: Samples,
  codes: Samples,
  reconstructions: Samples,
  count: number,
): ImageRow[] {
  const unit = { min: 0, max: 1 };
  const codeRange = valueRange(floatRange(codes.x, 0, count * size(codes.shape)));
  return [
    { label: 'Original', images: samplesToImages(originals, count, unit) },
    { label: `Code (${codes.shape.join('×')})`, images: samplesToImages(codes, count, codeRange) },
    { label: 'Reconstruction', images: samplesToImages(reconstructions, count, unit) },
  ];
}

function samplesToImages(s: Samples, count: number, range: { min: number; max: number }): GridImage[] {
  const per = size(s.shape);
  return Array.from({ length: count }, (_, i) => codeToImage(floatRange(s.x, i * per, (i + 1) * per), s.shape, range));
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
