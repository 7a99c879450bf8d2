import { diagnosticToJson, formatDiagnostic, type SourceText } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_ERRORS, type Omitted } from '../config/load.js';
import { thousands } from '../util/thousands.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const useColor = (stream: NodeJS.WriteStream = process.stderr): boolean =>
  Boolean(stream.isTTY) && !process.env.NO_COLOR;

/** Prints diagnostics to stderr as text with excerpts (nothing in JSON mode: the caller prints the document). */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceText>,
  json = false,
  omitted?: Omitted,
): void {
  if (json) return;
  const color = useColor();
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d, { sources, color })}\n`);
  if (omitted) {
    const more =
      plural(omitted.errors, 'more error') + (omitted.warnings ? ` and ${plural(omitted.warnings, 'warning')}` : '');
    process.stderr.write(`... ${more} not shown: at most ${MAX_ERRORS} errors a file are listed; fix these first\n`);
  }
}

const plural = (n: number, w: string) => `${thousands(n)} ${w}${n === 1 ? '' : 's'}`;

export function diagnosticsJson(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceText>,
): object[] {
  return diagnostics.map((d) => diagnosticToJson(d, sources));
}

/** "3 errors, 1 warning": every problem found, listed or not. */
export function countLine(diagnostics: readonly Diagnostic[], omitted?: Omitted): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length + (omitted?.errors ?? 0);
  const warnings =
    diagnostics.length - diagnostics.filter((d) => d.severity === 'error').length + (omitted?.warnings ?? 0);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
