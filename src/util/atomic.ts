import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** A file that could not be written (a full disk, an I/O error): its message names the file and the cause. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot write ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WriteError';
  }
}

/** Whether an error is, or was caused by, a write that failed. */
export function isWriteError(e: unknown): boolean {
  for (let c = e; c instanceof Error; c = c.cause) if (c instanceof WriteError) return true;
  return false;
}

/** Writes in flight per file, so that two writes of one file from this process land in call order. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Writes a whole file or nothing, durably: the bytes go to a temp file beside the target (every
 * byte, short writes retried), which is fsynced, renamed over the target, and then the folder is
 * fsynced so that the rename itself survives a power cut. Several aelab processes may write into
 * runs/ at once; a reader sees the old file or the new one. An error names the file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const bytes =
    typeof data === 'string' ? Buffer.from(data, 'utf8') : data instanceof Uint8Array ? data : Buffer.concat(data);
  const key = path.resolve(file);
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeNow(file, bytes));
  inFlight.set(key, next);
  const forget = () => {
    if (inFlight.get(key) === next) inFlight.delete(key);
  };
  next.then(forget, forget);
  return next;
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeNow(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      for (let offset = 0; offset < bytes.byteLength;) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
        if (bytesWritten <= 0) throw new Error('the disk took no more bytes');
        offset += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new WriteError(file, e);
  }
  await syncFolder(dir, file);
}

/** Makes a rename in `dir` durable. Some systems cannot fsync a folder (Windows): there, the rename stands as it is. */
async function syncFolder(dir: string, file: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (e) {
    if (cannotSyncFolders(e)) return;
    throw new WriteError(file, new Error(`opening its folder to sync it: ${(e as Error).message}`, { cause: e }));
  }
  try {
    await handle.sync();
  } catch (e) {
    if (!cannotSyncFolders(e))
      throw new WriteError(file, new Error(`syncing its folder: ${(e as Error).message}`, { cause: e }));
  } finally {
    await handle.close();
  }
}

const cannotSyncFolders = (e: unknown): boolean =>
  ['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes(String((e as { code?: unknown }).code));
