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
    // All files are read at once (a hundred-odd small reads, which one after another cost a cached
    // rerun tens of milliseconds), then hashed in the fixed order: part, then sorted file name.
    const parts = await Promise.all(
      COMPUTING_PARTS.map(async (part) => {
        const dir = path.join(srcRoot, part);
        let files: string[];
        try {
          files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js')).sort();
        } catch {
          return [];
        }
        return Promise.all(files.map(async (f) => ({ name: f, bytes: await readFile(path.join(dir, f)) })));
      }),
    );
    const digest = createHash('sha256');
    for (const files of parts) for (const { name, bytes } of files) digest.update(name).update(bytes);
    return `${packageVersion()}+${digest.digest('hex').slice(0, 12)}`;
  })();
  return memo;
}
