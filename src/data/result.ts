import type { Result } from '../types/result.js';

/** Expected failures of the data sources are values: the project's one Result, with a sentence as error. */
export type DataResult<T> = Result<T>;
export { ok, fail } from '../util/result.js';

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
