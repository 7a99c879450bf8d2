/**
 * sha256 of data files, remembered in a small sidecar memo (`<data cache>/content-hashes.json`)
 * by real path, size, mtime and ctime: a file is hashed again only when one of them changed, so a
 * data set's identity costs a few stat calls on later runs rather than a read of every byte.
 * ctime is in the key because it cannot be set back (a `cp -p` or `touch -d` can forge mtime).
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../util/atomic.js';
import { sha256OfFile } from '../util/file-hash.js';

const MEMO_FILE = 'content-hashes.json';

interface MemoEntry {
  readonly size: number;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly sha256: string;
}

/** The sha256 (hex) of each file, in order; files whose memo entry still fits are not read. */
export async function fileHashes(files: readonly string[], cacheDir: string): Promise<string[]> {
  const memoFile = path.join(cacheDir, MEMO_FILE);
  const memo = await readFile(memoFile, 'utf8')
    .then((t) => JSON.parse(t) as Record<string, MemoEntry>)
    .catch(() => ({}) as Record<string, MemoEntry>);
  let changed = false;
  const out: string[] = [];
  for (const file of files) {
    const real = await realpath(file);
    const s = await stat(real, { bigint: true });
    const key = { size: Number(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
    const known = memo[real];
    if (known && known.size === key.size && known.mtimeNs === key.mtimeNs && known.ctimeNs === key.ctimeNs) {
      out.push(known.sha256);
      continue;
    }
    const sha256 = await sha256OfFile(real);
    memo[real] = { ...key, sha256 };
    changed = true;
    out.push(sha256);
  }
  // A memo that cannot be written costs a re-hash next time, nothing more.
  if (changed) await writeJsonAtomic(memoFile, memo).catch(() => undefined);
  return out;
}

/** One hash for several files in order: sha256 over their sha256 digests (as data/idx.ts computes it). */
export function combineHashes(hexes: readonly string[]): string {
  const h = createHash('sha256');
  for (const hex of hexes) h.update(Buffer.from(hex, 'hex'));
  return h.digest('hex');
}
