/**
 * Real text widths for vega's layout. Without a canvas (none in Node) vega guesses a width of
 * 0.8 x font size per character, about 60% too wide for DejaVu Sans: axis titles drift away from
 * their labels and legends get wide. vega lets the width function be replaced (vl-convert does
 * the same), so we measure with opentype.js on the very font files resvg draws with.
 */
import * as vega from 'vega';
import opentype from 'opentype.js';
import { bundledFontFiles } from './fonts.js';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

let installed = false;

/** Width in pixels of one line of text in the chart font (vega's own estimate when no font is bundled). */
export function textWidth(text: string, fontSize: number, fontWeight: 'normal' | 'bold' = 'normal'): number {
  installTextMetrics();
  return (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics.width({ fontSize, fontWeight }, text);
}

/** Replaces vega's width estimate by measurement with the bundled fonts; a no-op without them. */
export function installTextMetrics(): void {
  if (installed) return;
  installed = true;
  const files = bundledFontFiles();
  const regularFile = files.find((f) => f.endsWith('DejaVuSans.ttf'));
  const boldFile = files.find((f) => f.endsWith('DejaVuSans-Bold.ttf'));
  if (!regularFile) return; // No fonts: keep vega's estimate (charts still render).
  let regular: opentype.Font;
  let bold: opentype.Font;
  try {
    regular = opentype.loadSync(regularFile);
    bold = boldFile ? opentype.loadSync(boldFile) : regular;
  } catch {
    return;
  }
  // vega-typings does not declare textMetrics, though vega exports it (from vega-scenegraph).
  const metrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  const cache = new Map<string, number>();
  metrics.width = (item: TextItem, text: unknown): number => {
    const s = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    if (!s || size <= 0) return 0;
    const isBold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const key = `${isBold ? 'b' : 'r'}${size}:${s}`;
    let w = cache.get(key);
    if (w === undefined) {
      w = (isBold ? bold : regular).getAdvanceWidth(s, size, { kerning: true });
      if (cache.size > 10_000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}
