import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

/** The run folders under <dir>/runs (not the cache). */
export async function runFolders(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'runs')).catch(() => [] as string[]))
    .filter((r) => !r.startsWith('.'))
    .map((r) => path.join(dir, 'runs', r));
}

export interface TrialRecord {
  status: string;
  start_time: string;
  end_time?: string;
  assignment?: Record<string, unknown>;
  error?: string;
  stages: Record<string, { status: string; cached?: boolean; metrics: Record<string, number> }>;
}
