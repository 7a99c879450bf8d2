/**
 * Rendered charts kept between runs. A report drawn again from the same numbers (a rerun whose
 * every stage came from the stage cache) asks for the same charts; taking them from here spares
 * loading vega, vega-lite, opentype.js and resvg, which is most of such a rerun's time.
 *
 * A chart is found by a hash of everything its pixels follow from: what it is drawn from (the
 * vega-lite spec with its config, or the SVG and options of a PNG), the installed versions of
 * the packages that draw it and the font files, and the code of this folder's renderer. A file
 * read from the cache is untrusted input (the runs folder is shared): an SVG is used only when it
 * is a bare <svg> element without scripts, event handlers, links to scripts or foreign content,
 * a PNG only when it starts with PNG's signature; anything else is drawn afresh.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../util/atomic.js';
import { bundledFontFiles } from './fonts.js';

let folder: string | undefined;

/** Where rendered charts are kept from now on in this process; undefined draws every chart. */
export function keepRenderedCharts(dir: string | undefined): void {
  folder = dir;
}

const DRAWN_BY = ['vega', 'vega-lite', 'vega-scenegraph', '@resvg/resvg-js', 'opentype.js', 'dejavu-fonts-ttf'];
const RENDERER_FILES = ['vega-render.js', 'text-metrics.js', 'fonts.js', 'render-cache.js'];

let rendererId: string | undefined;

/** What the pixels follow from besides the chart itself, as one string. */
function renderer(): string {
  if (rendererId !== undefined) return rendererId;
  const require = createRequire(import.meta.url);
  const parts = DRAWN_BY.map((name) => `${name}@${installedVersion(require, name)}`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const file of RENDERER_FILES) parts.push(`${file}:${hashOf(readOr(path.join(here, file)))}`);
  for (const font of bundledFontFiles()) parts.push(`${path.basename(font)}:${hashOf(readOr(font))}`);
  rendererId = parts.join('\n');
  return rendererId;
}

/** The version in the package.json above the package's entry (some packages do not export their package.json). */
function installedVersion(require: NodeJS.Require, name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    for (;;) {
      const manifest = readOr(path.join(dir, 'package.json'));
      if (manifest.length) {
        const pkg = JSON.parse(manifest.toString('utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      }
      const up = path.dirname(dir);
      if (up === dir) return 'unknown';
      dir = up;
    }
  } catch {
    return 'missing';
  }
}

function readOr(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

const hashOf = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const UNSAFE_SVG =
  /<script|<foreignObject|<iframe|<object|<embed|\son[a-z]+\s*=|javascript:|<!ENTITY|<\?xml-stylesheet/i;

/** Whether a cached SVG is a chart as vega draws it and safe to inline into a page. */
function usableSvg(text: string): boolean {
  return /^<svg\b[^>]*>/.test(text) && text.trimEnd().endsWith('</svg>') && !UNSAFE_SVG.test(text);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A cache file of this kind and key, or undefined when there is none or it is not usable. */
async function lookUp(file: string, kind: 'svg' | 'png'): Promise<Buffer | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined;
  }
  if (kind === 'png') return data.subarray(0, 8).equals(PNG_SIGNATURE) ? data : undefined;
  return usableSvg(data.toString('utf8')) ? data : undefined;
}

/** Keeps a chart; a cache that cannot be written only costs the next run the drawing. */
async function keep(file: string, data: string | Buffer): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch {
    /* a full or read-only disk: the chart was drawn and is returned all the same */
  }
}

/** The SVG drawn from `material` (what the chart is drawn from, as text), from the cache when it holds it. */
async function cachedSvg(material: string, draw: () => Promise<string>): Promise<string> {
  if (!folder) return draw();
  const file = path.join(folder, `${hashOf(`svg\n${renderer()}\n${material}`)}.svg`);
  const found = await lookUp(file, 'svg');
  if (found) return found.toString('utf8');
  const svg = await draw();
  if (usableSvg(svg)) await keep(file, svg);
  return svg;
}

/** The PNG drawn from `material`, from the cache when it holds it. */
async function cachedPng(material: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  if (!folder) return draw();
  const file = path.join(folder, `${hashOf(`png\n${renderer()}\n${material}`)}.png`);
  const found = await lookUp(file, 'png');
  if (found) return found;
  const png = await draw();
  await keep(file, png);
  return png;
}

/**
 * A vega-lite spec drawn as SVG (vega-render.ts's vegaLiteToSvg), from the cache when it holds it;
 * vega and vega-lite load only when the chart must be drawn.
 */
export function chartSvg(spec: TopLevelSpec): Promise<string> {
  return cachedSvg(JSON.stringify(spec), async () => (await import('./vega-render.js')).vegaLiteToSvg(spec));
}

/** An SVG as PNG at `scale` output pixels per SVG pixel (vega-render.ts's toPng with the bundled fonts), cached alike. */
export function chartPng(svg: string, scale: number): Promise<Buffer> {
  return cachedPng(`${scale}\n${svg}`, async () => (await import('./vega-render.js')).toPng(svg, { scale }));
}

/**
 * A figure (PNG) drawn by `draw` from `material` (everything it is drawn from, as text), from the
 * cache when it holds it: a report's own figures are not drawn again on a rerun that changed nothing.
 */
export function cachedFigure(material: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  return cachedPng(`figure\n${material}`, draw);
}
