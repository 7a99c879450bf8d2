import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see either no file or the whole file, never half of one: the
 * bytes go to a uniquely named temp file in the same folder, then rename() replaces the target
 * in one step. Several processes may do this at once for the same target; the last rename wins
 * and, for caches of the same data, all writers write the same bytes.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | readonly Uint8Array[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const chunks = data instanceof Uint8Array ? [data] : data;
    await writeFile(tmp, chunks);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
