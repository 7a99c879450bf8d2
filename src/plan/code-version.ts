import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../util/package-root.js';

/** The parts of the code whose change can change a stage's output. */
const COMPUTING_PARTS = ['models', 'stages', 'data', 'backend'];

let memo: Promise<string> | undefined;

/**
 * aelab's version plus a hash of the compiled code that computes stage outputs, so that editing a
 * model builder invalidates cached outputs even without a version bump.
 */
export function codeVersion(): Promise<string> {
  memo ??= (async () => {
    const srcRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const digest = createHash('sha256');
    for (const part of COMPUTING_PARTS) {
      const dir = path.join(srcRoot, part);
      let files: string[];
      try {
        files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js')).sort();
      } catch {
        continue;
      }
      for (const f of files) digest.update(f).update(await readFile(path.join(dir, f)));
    }
    return `${packageVersion()}+${digest.digest('hex').slice(0, 12)}`;
  })();
  return memo;
}
