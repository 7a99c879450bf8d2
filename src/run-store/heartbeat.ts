/**
 * Whether a run marked `running` still has a process behind it. The process that records a run
 * (a single run's or a sweep's parent) refreshes heartbeat.json in the run's folder every few
 * seconds; a run whose recorder is gone shows as `died`, and `aelab resume` completes it.
 */
import os from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from '../util/atomic.js';
import { machineId } from '../util/machine-id.js';
import { processAlive } from '../util/process-alive.js';
import { HEARTBEAT_FILE } from './files.js';
import { readJsonIfValid } from './read.js';

export interface Heartbeat {
  readonly pid: number;
  readonly host: string;
  /** The writer's machine id (boot id and pid namespace): where its pid can be checked. */
  readonly machine?: string;
  /** When it was last refreshed (ISO). */
  readonly time: string;
}

/** How often the recorder says it is alive. */
export const HEARTBEAT_EVERY_MS = 5_000;
/**
 * On another host the pid cannot be checked: a heartbeat older than this means its process is
 * gone. Many beats long, so that a busy machine or a slow shared disk is not taken for a death.
 */
export const HEARTBEAT_STALE_MS = 60_000;

/** Starts refreshing `<dir>/heartbeat.json` for this process; stop() ends it (and waits for a write under way). */
export function startHeartbeat(dir: string): { stop(): Promise<void> } {
  let writing: Promise<void> = Promise.resolve();
  const beat = () => {
    const heartbeat: Heartbeat = {
      pid: process.pid,
      host: os.hostname(),
      machine: machineId(),
      time: new Date().toISOString(),
    };
    // A beat that cannot be written (a full disk) is tried again at the next; the run's own writes report the disk.
    writing = writing.then(() => writeJsonAtomic(path.join(dir, HEARTBEAT_FILE), heartbeat)).catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}

export const readHeartbeat = (dir: string): Promise<Heartbeat | undefined> =>
  readJsonIfValid<Heartbeat>(path.join(dir, HEARTBEAT_FILE));

/**
 * Whether the process a heartbeat names is gone. Its pid is checked only when it was written on
 * this very machine (same boot, same pid namespace: a host name alone is shared by clones and
 * containers); otherwise, and for heartbeats that name no machine, it is gone once it is stale,
 * so a fresh heartbeat from elsewhere is never taken for a death.
 */
export function heartbeatGone(heartbeat: Heartbeat, now = Date.now()): boolean {
  if (typeof heartbeat.machine === 'string' && heartbeat.machine === machineId()) return !processAlive(heartbeat.pid);
  const time = Date.parse(heartbeat.time);
  return !Number.isFinite(time) || now - time > HEARTBEAT_STALE_MS;
}
