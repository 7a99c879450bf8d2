import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SYNC_FILE, TRIALS_DIR } from './files.js';

/** A file of a run folder, as a tracker uploads it. */
export interface RunFile {
  /** Relative to the run folder, with `/` between parts. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The files that make up a run, sorted: everything in its folder but the tracker's own sync state
 * and a sweep's trials (each trial is a run of its own).
 */
export async function listRunFiles(dir: string): Promise<RunFile[]> {
  // Node before 20.12 names the folder `path`, not `parentPath`.
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rels = entries
    .filter((e) => e.isFile())
    .map((e) =>
      path
        .relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
        .split(path.sep)
        .join('/'),
    )
    .filter((rel) => rel !== SYNC_FILE && !rel.startsWith(`${TRIALS_DIR}/`))
    .sort();
  return Promise.all(
    rels.map(async (rel) => {
      const info = await stat(path.join(dir, rel));
      return { path: rel, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
}
