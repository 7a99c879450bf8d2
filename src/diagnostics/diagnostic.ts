/**
 * Diagnostics are data: what went wrong, how badly, and where. They carry byte offsets into the
 * source text; offsets become line:col only when printed (see format.ts), so that one diagnostic
 * can be shown in a terminal, as JSON for an editor, or next to a source excerpt.
 */

export type Severity = 'error' | 'warning';

/** A half-open range [start, end) of character offsets into a file's text. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export interface Location {
  readonly file: string;
  readonly range: SourceRange;
}

/** A secondary location that explains the main one ("cnn reads ae here"). */
export interface RelatedLocation {
  readonly message: string;
  readonly location: Location;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  /** Absent only when there is no file to point at (e.g. a file that could not be read). */
  readonly location?: Location;
  readonly related?: readonly RelatedLocation[];
  /** A short "did you mean ..." or "expected ..." line printed after the excerpt. */
  readonly hint?: string;
}

export function error(
  message: string,
  location?: Location,
  extra: Partial<Pick<Diagnostic, 'related' | 'hint'>> = {},
): Diagnostic {
  return { severity: 'error', message, ...(location ? { location } : {}), ...extra };
}

export function warning(
  message: string,
  location?: Location,
  extra: Partial<Pick<Diagnostic, 'related' | 'hint'>> = {},
): Diagnostic {
  return { severity: 'warning', message, ...(location ? { location } : {}), ...extra };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorted by file, then position, then message, so output is stable across runs. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const pa = a.location?.range.start ?? -1;
    const pb = b.location?.range.start ?? -1;
    if (pa !== pb) return pa - pb;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
