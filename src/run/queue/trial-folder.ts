/**
 * Where a queued trial's folder is, worked out by the worker itself. A job names its sweep and its
 * trial; both are checked ids, and the folder is `<runs>/<sweep>/trials/<trial>`, inside a sweep
 * folder that the submitter made (its run.json says `sweep`). The job's own `runPath` must say the
 * same, or the job is refused: a path in a job is never used. An earlier start's folder is
 * replaced only when it is that trial's folder (a real folder whose run.json names this sweep and
 * trial) and the trial has not finished; anything else at that place is left alone.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { readJsonIfValid, RUN_FILE, TRIALS_DIR, trialDir } from '../../run-store/index.js';
import { checkRunId, checkTrialId, inside, UnsafePathError } from '../../util/safe-path.js';

export type TrialFolder =
  | { readonly ok: true; readonly dir: string; readonly sweepDir: string; readonly replace: boolean }
  | { readonly ok: false; readonly error: string; readonly finished?: true };

export async function trialFolder(
  runsDir: string,
  job: { sweep?: unknown; trial?: { id?: unknown }; runPath?: unknown },
): Promise<TrialFolder> {
  let sweep: string;
  let trial: string;
  let sweepDir: string;
  try {
    sweep = checkRunId(job.sweep);
    trial = checkTrialId(job.trial?.id);
    sweepDir = inside(runsDir, sweep);
  } catch (e) {
    if (e instanceof UnsafePathError) return { ok: false, error: `the job is refused: ${e.message}` };
    throw e;
  }
  const expected = [sweep, TRIALS_DIR, trial].join('/');
  if (job.runPath !== expected && job.runPath !== path.join(sweep, TRIALS_DIR, trial))
    return {
      ok: false,
      error: `the job is refused: its runPath ${JSON.stringify(job.runPath)} is not ${expected}, the folder of trial ${trial} of sweep ${sweep}`,
    };
  const sweepStat = await lstat(sweepDir).catch(() => undefined);
  const sweepRecord = sweepStat?.isDirectory()
    ? await readJsonIfValid<{ kind?: unknown; id?: unknown }>(path.join(sweepDir, RUN_FILE))
    : undefined;
  if (sweepRecord?.kind !== 'sweep' || sweepRecord.id !== sweep)
    return {
      ok: false,
      error: `the job is refused: ${sweepDir} is not the folder of sweep ${sweep} (no sweep run.json there)`,
    };
  const dir = trialDir(sweepDir, trial);
  const trialsStat = await lstat(path.dirname(dir)).catch(() => undefined);
  if (trialsStat && !trialsStat.isDirectory())
    return { ok: false, error: `the job is refused: ${path.dirname(dir)} is not a folder` };
  const existing = await lstat(dir).catch(() => undefined);
  if (!existing) return { ok: true, dir, sweepDir, replace: false };
  const record = existing.isDirectory()
    ? await readJsonIfValid<{ kind?: unknown; parent?: unknown; trial?: unknown; status?: unknown }>(
        path.join(dir, RUN_FILE),
      )
    : undefined;
  if (!record || record.kind !== 'trial' || record.parent !== sweep || record.trial !== trial)
    return {
      ok: false,
      error: `the job is refused: ${dir} exists and is not the folder of trial ${trial} of sweep ${sweep}; it is left alone`,
    };
  if (record.status === 'finished')
    return {
      ok: false,
      finished: true,
      error: `trial ${trial} of sweep ${sweep} has finished already (its folder says so); it is not run again`,
    };
  return { ok: true, dir, sweepDir, replace: true };
}
