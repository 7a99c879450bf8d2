/**
 * The one door for names that become paths. Stage names, fingerprints, run and trial ids arrive
 * from places anyone on a team can write (a Redis job, a run folder's config.json, the shared
 * cache): each is checked against its pattern here, and every path built from them is resolved
 * and checked to stay inside the folder it belongs to, before anything reads, writes or deletes it.
 */
import path from 'node:path';

/** A stage or data set name, as the schema's `identifier` allows it. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** A stage cache key: the first 16 hex digits of a sha256. */
const FINGERPRINT = /^[0-9a-f]{16}$/;
/** A run folder's name: one path segment of letters, digits, `_`, `.` and `-`, never `.` or `..`. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
/** A sweep trial: `t000`, `t001`, ... */
const TRIAL_ID = /^t[0-9]{3,6}$/;

/** A name or path from data that would leave its folder, or is not what its kind allows. */
export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
}

function check(pattern: RegExp, kind: string, value: unknown, hint: string): string {
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new UnsafePathError(`${kind} ${JSON.stringify(value)} is not ${hint}`);
}

export const checkStageName = (value: unknown): string =>
  check(IDENTIFIER, 'stage name', value, 'a name (letters, digits and _, starting with a letter)');
export const checkFingerprint = (value: unknown): string =>
  check(FINGERPRINT, 'fingerprint', value, 'a stage fingerprint (16 hex digits)');
export const checkRunId = (value: unknown): string =>
  check(RUN_ID, 'run id', value, 'a run folder name (letters, digits, _, . and -)');
export const checkTrialId = (value: unknown): string =>
  check(TRIAL_ID, 'trial id', value, 'a trial id (t000, t001, ...)');

export const isStageName = (value: unknown): value is string => typeof value === 'string' && IDENTIFIER.test(value);
export const isFingerprint = (value: unknown): value is string => typeof value === 'string' && FINGERPRINT.test(value);
export const isTrialId = (value: unknown): value is string => typeof value === 'string' && TRIAL_ID.test(value);
export const isRunId = (value: unknown): value is string => typeof value === 'string' && RUN_ID.test(value);

/**
 * `root` joined with `segments`, resolved; throws unless the result lies strictly below `root`
 * (the folder itself is never a child's path: deleting "the trial's folder" must not delete it).
 */
export function inside(root: string, ...segments: string[]): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  const rel = path.relative(base, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
    throw new UnsafePathError(`${path.join(...segments)} is not inside ${base}`);
  return full;
}
