/**
 * One recorder per run folder. Whatever records a run (`aelab run`, `aelab resume`) holds a lock
 * on its folder while it writes: a directory `<run>/.lock` made atomically by proper-lockfile (NFS
 * included), refreshed while held. The holder's host, pid and machine id are in
 * `<run>/.lock-owner.json`, and a second recorder refuses, naming it. A lock whose holder is gone
 * (its pid dead on this very machine, or not refreshed for a minute) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Result } from '../types/result.js';
import { machineId } from '../util/machine-id.js';
import { processAlive } from '../util/process-alive.js';
import { fail, ok } from '../util/result.js';
import { readJsonIfValid } from './read.js';

export const LOCK_DIR = '.lock';
/** Beside the lock, not in it: a write inside would change the lock's mtime, which proper-lockfile takes for a lost lock. */
const OWNER_FILE = '.lock-owner.json';
/** A lock not refreshed for this long has no live holder (refreshed every stale/2, as the heartbeat's staleness). */
const STALE_MS = 60_000;

interface Owner {
  readonly host: string;
  readonly pid: number;
  readonly machine: string;
}

export interface RunLock {
  release(): Promise<void>;
}

/**
 * Takes the run folder `dir` (made if missing) for this process, or says who holds it. `warn`
 * hears of a lock lost while held (its folder removed, the disk gone): the run goes on.
 */
export async function lockRunFolder(dir: string, warn: (line: string) => void): Promise<Result<RunLock>> {
  const created = await mkdir(dir, { recursive: true });
  const lockDir = path.join(dir, LOCK_DIR);
  const options = {
    lockfilePath: lockDir,
    realpath: false,
    stale: STALE_MS,
    onCompromised: (e: Error) =>
      warn(`warning: the lock on ${dir} was lost (${e.message}); another recorder may start`),
  };
  const take = () => lockfile.lock(dir, options);
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    const owner = await readJsonIfValid<Partial<Owner>>(path.join(dir, OWNER_FILE));
    // Dead on this machine: its pid says so now, without waiting a minute for the lock to go stale.
    if (owner?.machine === machineId() && typeof owner.pid === 'number' && !processAlive(owner.pid)) {
      const claim = await claimDeadOwner(dir, owner.pid);
      if (!claim) return fail(held(dir, await ownerOnceWritten(dir)));
      await rm(lockDir, { recursive: true, force: true });
      await rm(claim, { force: true });
      try {
        release = await take();
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
        return fail(held(dir, await ownerOnceWritten(dir)));
      }
    } else return fail(held(dir, owner ?? (await ownerOnceWritten(dir))));
  }
  const me: Owner = { host: os.hostname(), pid: process.pid, machine: machineId() };
  await writeFile(path.join(dir, OWNER_FILE), `${JSON.stringify(me)}\n`);
  return ok({
    async release() {
      await rm(path.join(dir, OWNER_FILE), { force: true });
      await release().catch(() => undefined);
      // A folder made only to be locked, in which nothing was recorded (a queue that could not be reached), goes again.
      if (created) await rmdir(dir).catch(() => undefined);
    },
  });
}

/**
 * Makes this process the one that takes over from the dead holder `pid`, or says another did.
 * Two recorders may both find the holder dead; had both removed the lock, the later removal could
 * hit the lock the other had just taken, and both would record. So the owner file is first moved
 * aside (a rename, which only one of them can do to that file): the one that moved it, if it still
 * names the dead holder, removes the lock; the other refuses. An owner file that names someone else
 * by then (the other took the lock and wrote its own) is put back, unless one is there again.
 * Returns the moved file, for the caller to remove once the lock is gone.
 */
async function claimDeadOwner(dir: string, pid: number): Promise<string | undefined> {
  const file = path.join(dir, OWNER_FILE);
  const claim = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.claim`;
  try {
    await rename(file, claim);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const moved = await readJsonIfValid<Partial<Owner>>(claim);
  if (moved?.pid === pid && moved.machine === machineId()) return claim;
  await link(claim, file).catch(() => undefined);
  await rm(claim, { force: true });
  return undefined;
}

/** How long a refused recorder waits for a just-taken lock's owner file, so that it can name the holder. */
const OWNER_WAIT_MS = 2_000;

/**
 * The owner of a lock that was just taken: its holder writes the owner file right after taking
 * the lock, so a second recorder that reads in between waits a moment for it rather than refuse
 * without a name.
 */
async function ownerOnceWritten(dir: string): Promise<Partial<Owner> | undefined> {
  const until = Date.now() + OWNER_WAIT_MS;
  for (;;) {
    const owner = await readJsonIfValid<Partial<Owner>>(path.join(dir, OWNER_FILE));
    if (owner || Date.now() >= until) return owner;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const held = (dir: string, owner: Partial<Owner> | undefined): string =>
  owner && typeof owner.pid === 'number'
    ? `${dir} is being recorded by process ${owner.pid} on ${String(owner.host)}; wait for it to end, or stop it first`
    : `${dir} is being recorded by another process (its lock ${path.join(dir, LOCK_DIR)} names no holder yet)`;
