import { isWriteError } from '../util/atomic.js';

/**
 * A run stopped because a file of its folder could not be written (a full disk): one line naming
 * the file, exit code 1. Anything else is a bug and goes on up with its stack.
 */
export function reportWriteFailure(e: unknown): number {
  if (!isWriteError(e)) throw e;
  process.stderr.write(`error: ${(e as Error).message}\n`);
  return 1;
}
