/**
 * The chart path: a vega-lite spec is compiled to vega, run headless in Node (vega's SVG renderer
 * needs no canvas) and turned into an SVG string; toPng rasterises that SVG with resvg.
 * Charts carry their data inline: the loader refuses every URL except data: URIs, so rendering
 * never touches the network or the file system.
 */
import { Resvg } from '@resvg/resvg-js';
import { loader as vegaLoader, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_STACK, resvgFontOptions } from './fonts.js';
import { installTextMetrics } from './text-metrics.js';

/** Look shared by every chart: one font everywhere, white background, no outline around the plot. */
export const CHART_CONFIG = {
  font: CHART_FONT_STACK,
  background: 'white',
  padding: 10,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14 },
} as const;

/** A vega loader that refuses to fetch anything: only inline data: URIs (embedded images) pass. */
export function offlineLoader(): Loader {
  const base = vegaLoader();
  const refuse =
    (what: string) =>
    async (uri: string): Promise<never> => {
      throw new Error(`charts are rendered offline: refusing to ${what} ${uri}`);
    };
  return {
    ...base,
    load: refuse('load'),
    http: refuse('fetch'),
    file: refuse('read'),
    sanitize: async (uri: string) => {
      if (uri.startsWith('data:')) return { href: uri };
      throw new Error(`charts are rendered offline: refusing to load ${uri}`);
    },
  } as Loader;
}

/** Compiles a vega-lite spec and renders it to an SVG string (no network, no canvas). */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const withConfig = { ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const vgSpec = compile(withConfig).spec;
  const view = new View(parse(vgSpec), { renderer: 'none', loader: offlineLoader(), logLevel: 1 /* warn */ });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Output pixels per SVG pixel. Default 2 (sharp text on high-density screens and in reports). */
  readonly scale?: number;
  /** Font files to use instead of the bundled DejaVu Sans. */
  readonly fontFiles?: readonly string[];
  /** Also load the system's fonts. Default: only when no font file is available. */
  readonly systemFonts?: boolean;
}

/** Rasterises an SVG (from this module or any other) to PNG with resvg. Without any font, text is left out rather than failing. */
export function toPng(svg: string, opts: PngOptions = {}): Buffer {
  const scale = opts.scale ?? 2;
  const resvg = new Resvg(svg, {
    font: resvgFontOptions(opts.fontFiles, opts.systemFonts),
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
