/**
 * Expected failures of the data sources are values, not exceptions. The shape matches the
 * project-wide `Result<T, E>` (ok/value | ok/error) so callers can pass these through unchanged.
 */
export type DataResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): DataResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): DataResult<T> {
  return { ok: false, error };
}

/** Message of an unknown thrown value, for turning I/O errors into error values. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Node's error code (ENOENT, EACCES, ...) of a thrown value, if it has one. */
export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}
