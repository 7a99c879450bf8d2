/**
 * Fonts for turning chart SVG into PNG. resvg draws text only with fonts it is given, and CI runs
 * on a fresh machine, so the fonts come from an npm dependency (dejavu-fonts-ttf: DejaVu Sans as
 * TTF, free licence) rather than from whatever the system has. Using only the bundled files also
 * makes the PNGs the same on every machine. If the package cannot be found, system fonts are
 * used; with no fonts at all resvg still renders, just without text.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The family named in every chart's SVG; the fallbacks matter when the SVG is shown in a browser. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
export const CHART_FONT_STACK = `${CHART_FONT_FAMILY}, Verdana, sans-serif`;

const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let cached: readonly string[] | undefined;

/** Paths of the bundled TTF files (regular and bold), or [] when the package is missing. */
export function bundledFontFiles(): readonly string[] {
  if (cached) return cached;
  cached = [];
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cached = FACES.map((f) => join(dir, f)).filter((f) => existsSync(f));
  } catch {
    // Package not installed: fall back to system fonts (see resvgFontOptions).
  }
  return cached;
}

/** The `font` option for resvg: the given (default: bundled) files, and system fonts when asked or when there are no files. */
export function resvgFontOptions(
  fontFiles: readonly string[] = bundledFontFiles(),
  systemFonts = fontFiles.length === 0,
): {
  loadSystemFonts: boolean;
  fontFiles: string[];
  defaultFontFamily?: string;
  sansSerifFamily?: string;
} {
  const named =
    fontFiles.length > 0 ? { defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY } : {};
  return { loadSystemFonts: systemFonts, fontFiles: [...fontFiles], ...named };
}
