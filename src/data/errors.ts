// Thrown I/O errors made into sentences and codes, for the data sources' Result values
// (the project's one Result: types/result.ts).

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
