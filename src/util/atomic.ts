import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/**
 * Writes a whole file or nothing: a temp file beside the target, fsynced, then renamed over it.
 * Several aelab processes may write into runs/ at once; a reader sees the old file or the new one.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const bytes = typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.concat(data);
  await writeFileAtomicLib(file, bytes);
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
