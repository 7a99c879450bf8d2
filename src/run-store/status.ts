/**
 * A run's effective status: what it recorded, unless its recorder is gone. Every command that
 * shows, resumes or syncs a run asks here, so that they agree on `running`, `died` and the rest.
 */
import path from 'node:path';
import { trialDir } from './files.js';
import { heartbeatGone, readHeartbeat, type Heartbeat } from './heartbeat.js';
import { readRun } from './read.js';
import type { RunRecord, RunStatus, SweepTrialState } from './records.js';

/** What `runs ls`, `runs show`, `resume` and `sync` take a run's status to be: its recorded one, or `died`. */
export type LiveStatus = RunStatus | 'died';

export interface EffectiveStatus {
  readonly status: LiveStatus;
  /** The recorder's last heartbeat, when the run says `running` and has one. */
  readonly heartbeat?: Heartbeat;
}

/**
 * The folder whose heartbeat speaks for a run: its own, or for a sweep's trial the sweep's
 * (the sweep's parent process records its trials).
 */
const recorderDir = (dir: string, record: RunRecord): string =>
  record.kind === 'trial' ? path.dirname(path.dirname(dir)) : dir;

/**
 * A run's status as it stands: `died` when it says `running` but its recorder is gone. A run
 * without a heartbeat (written before aelab kept one) keeps its recorded status.
 */
export async function effectiveStatus(dir: string, record: RunRecord): Promise<EffectiveStatus> {
  if (record.status !== 'running') return { status: record.status };
  const heartbeat = await readHeartbeat(recorderDir(dir, record));
  if (!heartbeat) return { status: record.status };
  return { status: heartbeatGone(heartbeat) ? 'died' : 'running', heartbeat };
}

/** A died run as the failed run it is (for a tracker that knows no `died`); others as recorded. */
export function endedRecord(record: RunRecord, live: EffectiveStatus): RunRecord {
  if (live.status !== 'died') return record;
  const hb = live.heartbeat;
  return {
    ...record,
    status: 'failed',
    error: `died: process ${hb?.pid} on ${hb?.host} is gone`,
    ...(hb ? { end_time: hb.time } : {}),
  };
}

/** The state of a sweep's trial as its sweep's record has it, and the trial folder a queue worker writes. */
export interface TrialStatus {
  readonly status: LiveStatus | 'pending' | 'waiting';
  /** The queue worker that has or had it. */
  readonly worker?: string;
  /** Its start on a queue worker, when more than the first. */
  readonly attempt?: number;
  /** Ended on its worker, but the sweep has not recorded it yet (`aelab resume` collects it). */
  readonly uncollected?: boolean;
}

/**
 * A trial's status within its sweep. A local trial running in a sweep that died died with it. A
 * queued trial is waiting (no worker has it), running on a worker, or ended: while the sweep has
 * not recorded its end, its own folder says.
 */
export async function trialStatus(
  sweepDir: string,
  sweep: { readonly status: LiveStatus; readonly queued: boolean },
  id: string,
  t: SweepTrialState,
): Promise<TrialStatus> {
  if (!sweep.queued) return { status: sweep.status === 'died' && t.status === 'running' ? 'died' : t.status };
  const folder = (await readRun(trialDir(sweepDir, id)).catch(() => undefined))?.record;
  const worker = folder?.worker ?? t.worker;
  const on = worker ? { worker } : {};
  if (t.status !== 'pending' && t.status !== 'running') return { status: t.status, ...on };
  if (!folder) return { status: 'waiting' };
  if (folder.status === 'running')
    return { status: 'running', ...on, ...(folder.attempt && folder.attempt > 1 ? { attempt: folder.attempt } : {}) };
  return { status: folder.status, ...on, uncollected: true };
}
