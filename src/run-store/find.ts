/**
 * Which run folder a command's RUN argument names. Every command that takes a run (resume, runs
 * show/compare, sync) asks this, so that they accept the same names: a folder path, a folder name
 * under the runs root, a unique prefix of one (`20261204-212925`), a unique part of one
 * (`tiny-sweep`), or `SWEEP/t001` for a sweep's trial.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../types/result.js';
import { isTrialId } from '../util/safe-path.js';
import { trialDir } from './files.js';
import { listRuns, readRun } from './read.js';
import type { RunRecord } from './records.js';

export interface FoundRun {
  /** How the run is named in messages: its folder name, or `<sweep>/<trial>`. */
  readonly id: string;
  readonly dir: string;
  readonly record: RunRecord;
}

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** The run folders of `runsDir` that `head` names: itself, else those it begins, else those it is part of. */
export async function matchRuns(runsDir: string, head: string): Promise<string[]> {
  const all = await listRuns(runsDir);
  if (all.includes(head)) return [head];
  const prefixed = all.filter((r) => r.startsWith(head));
  return prefixed.length ? prefixed : all.filter((r) => r.includes(head));
}

/** Resolves a RUN argument to its folder and record; the error says what matched, or why none did. */
export async function resolveRun(runsDir: string, name: string): Promise<Result<FoundRun, string>> {
  // A path to a folder (absolute, or with a separator and there on disk) is taken as it is.
  if (path.isAbsolute(name) || (name.includes(path.sep) && (await isDir(name)))) {
    const dir = path.resolve(name);
    const loaded = await readRun(dir).catch(() => undefined);
    if (!loaded) return { ok: false, error: `${dir} is not a run folder (no readable run.json)` };
    return { ok: true, value: { id: path.basename(dir), dir, record: loaded.record } };
  }
  const [head, ...rest] = name.split('/');
  const matches = head ? await matchRuns(runsDir, head) : [];
  if (matches.length === 0) return { ok: false, error: `no run matches \`${name}\` in ${runsDir}` };
  if (matches.length > 1)
    return {
      ok: false,
      error: `\`${name}\` matches ${matches.length} runs: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', ...' : ''}`,
    };
  const folder = matches[0]!;
  if (rest.length && (rest.length > 1 || !isTrialId(rest[0])))
    return { ok: false, error: `\`${rest.join('/')}\` is not a trial id (t000, t001, ...)` };
  const dir = rest.length ? trialDir(path.join(runsDir, folder), rest[0]!) : path.join(runsDir, folder);
  const loaded = await readRun(dir).catch(() => undefined);
  if (!loaded) return { ok: false, error: `${dir} is not a run folder (no readable run.json)` };
  return { ok: true, value: { id: rest.length ? `${folder}/${rest.join('/')}` : folder, dir, record: loaded.record } };
}
