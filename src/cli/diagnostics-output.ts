import { diagnosticToJson, formatDiagnostic, type SourceText } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const useColor = (stream: NodeJS.WriteStream = process.stderr): boolean =>
  Boolean(stream.isTTY) && !process.env.NO_COLOR;

/** Prints diagnostics to stderr as text with excerpts (nothing in JSON mode: the caller prints the document). */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceText>,
  json = false,
): void {
  if (json) return;
  const color = useColor();
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d, { sources, color })}\n`);
}

export function diagnosticsJson(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceText>,
): object[] {
  return diagnostics.map((d) => diagnosticToJson(d, sources));
}

export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
