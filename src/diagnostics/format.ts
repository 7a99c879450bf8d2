import type { Diagnostic, Location } from './diagnostic.js';

/** Turns offsets into 1-based line and column for printing. */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}

export interface FormatOptions {
  /** Source texts by file name, for excerpts; a diagnostic in a file not given prints no excerpt. */
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly color?: boolean;
}

const paint = (on: boolean | undefined, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function where(location: Location | undefined, sources: ReadonlyMap<string, SourceText>): string {
  if (!location) return '';
  const source = sources.get(location.file);
  // A whole-file location (an unreadable or oversized file) has no source text to point into.
  if (!source) return `${location.file}: `;
  const { line, col } = source.position(location.range.start);
  return `${location.file}:${line}:${col}: `;
}

/** Lines longer than this are shown as a window around the span, with `...` at the cut ends. */
const MAX_EXCERPT = 100;
const TAB = '    ';

/**
 * The source line with a caret under the start of the span and tildes under the rest of it.
 * Tabs are shown as four spaces (and the marker shifted to match) so that the caret stays under
 * the right character; a long line is cut to a window around the span.
 */
function excerpt(location: Location, sources: ReadonlyMap<string, SourceText>, color: boolean | undefined): string[] {
  const source = sources.get(location.file);
  if (!source) return [];
  const { line, col } = source.position(location.range.start);
  const raw = source.lineText(line);
  const spanLength = Math.max(1, Math.min(location.range.end - location.range.start, raw.length - col + 1));
  // Map character columns to display columns (tabs widen).
  const display = (chars: string) => chars.replace(/\t/g, TAB);
  let before = display(raw.slice(0, col - 1));
  let span = display(raw.slice(col - 1, col - 1 + spanLength));
  let after = display(raw.slice(col - 1 + spanLength));
  if (before.length + span.length + after.length > MAX_EXCERPT) {
    span = span.length > MAX_EXCERPT / 2 ? span.slice(0, MAX_EXCERPT / 2) : span;
    const room = MAX_EXCERPT - span.length;
    const keepBefore = Math.min(before.length, Math.max(Math.floor(room / 2), room - after.length));
    if (keepBefore < before.length) before = `...${before.slice(before.length - keepBefore)}`;
    const keepAfter = Math.max(0, room - keepBefore);
    if (keepAfter < after.length) after = `${after.slice(0, keepAfter)}...`;
  }
  const gutter = String(line).padStart(4);
  const marker = ' '.repeat(before.length) + '^' + '~'.repeat(Math.max(0, span.length - 1));
  return [`${gutter} | ${before}${span}${after}`.trimEnd(), `${' '.repeat(4)} | ${paint(color, '1;31', marker)}`];
}

/**
 * `file:line:col: error: message`, the source line, a caret under the exact span, then the hint
 * and each related location with its own excerpt.
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions): string {
  const severity = paint(options.color, d.severity === 'error' ? '1;31' : '1;33', `${d.severity}:`);
  const lines = [`${where(d.location, options.sources)}${severity} ${d.message}`];
  if (d.location) lines.push(...excerpt(d.location, options.sources, options.color));
  if (d.hint) lines.push(`     = ${d.hint}`);
  for (const related of d.related ?? []) {
    lines.push(`${where(related.location, options.sources)}note: ${related.message}`);
    lines.push(...excerpt(related.location, options.sources, options.color));
  }
  return lines.join('\n');
}

/** The JSON form for editors and CI: 1-based line/col for start and end, plus raw offsets. */
export function diagnosticToJson(d: Diagnostic, sources: ReadonlyMap<string, SourceText>): object {
  const loc = (l: Location) => {
    const s = sources.get(l.file);
    return {
      file: l.file,
      start: { offset: l.range.start, ...(s ? s.position(l.range.start) : {}) },
      end: { offset: l.range.end, ...(s ? s.position(l.range.end) : {}) },
    };
  };
  return {
    severity: d.severity,
    message: d.message,
    ...(d.location ? { location: loc(d.location) } : {}),
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, location: loc(r.location) })) } : {}),
  };
}
