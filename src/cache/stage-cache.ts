import { createHash, randomBytes } from 'node:crypto';
import { copyFile, cp, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { floatRange } from '../util/pixels.js';
import { processAlive } from '../util/process-alive.js';
import { checkFingerprint, inside } from '../util/safe-path.js';
import type { DataSplit, ImageSet, StageResult } from '../types/stage-values.js';
import type { StageValue } from '../types/stage-values.js';

import {
  ARTIFACTS,
  MANIFEST,
  manifestFor,
  verifyEntry,
  type ArtifactRecord,
  type EpochRecord,
  type Manifest,
  type StoredImages,
  type Verified,
} from './manifest.js';

export type { ArtifactRecord, EpochRecord } from './manifest.js';

export interface CacheHit {
  readonly metrics: Readonly<Record<string, number>>;
  /** The stored outputs, read from disk only when a later stage needs them. */
  readonly outputs: () => Promise<StageResult['outputs']>;
  readonly epochs: readonly EpochRecord[];
  readonly artifacts: readonly ArtifactRecord[];
  readonly seconds: number;
}

/** A lock not refreshed for this long belongs to a dead holder (proper-lockfile refreshes it every stale/2). */
const LOCK_STALE_MS = 20_000;
/** A temp folder of another machine (cache on a shared disk) is an orphan once this old. */
const FOREIGN_TEMP_MAX_AGE_MS = 24 * 3600_000;
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
/** `.tmp-<fingerprint>-<pid>-<host>-<random>`: who is writing it, so that orphans can be told apart. */
const TEMP_NAME = /^\.tmp-(.+)-(\d+)-([0-9a-f]{8})-[0-9a-f]{8}$/;

/** Says why the cache threw an entry away (one message per entry; the caller shows it). */
export type CacheWarn = (message: string) => void;

/**
 * Stage outputs by fingerprint, under `<root>/<fingerprint>/`: the manifest, each image output as
 * raw float32 pixels and uint8 labels, and the stage's artifact folder (model, pictures). An entry
 * is built in a temp folder and renamed into place in one step, so a reader finds a whole entry or
 * none; two processes computing the same stage both succeed and one rename wins.
 *
 * The cache serves only what it can verify: the manifest, written last, records every file's size
 * and sha256 and a checksum of itself, and a read checks them all before anything is used. An
 * entry that fails (a truncated or zero-filled file, a cut manifest, a folder without one) and a
 * temp folder left by a killed process are evicted, with one warning naming what was wrong; the
 * stage is then computed again, so a damaged cache costs time, never a run or a wrong result.
 */
export class StageCache {
  private orphansSwept: Promise<void> | undefined;
  /** Entries `usable` verified, by fingerprint: the next `load` of one uses this check instead of hashing again. */
  private readonly verified = new Map<string, Manifest>();

  constructor(readonly root: string) {}

  /** The one door from a fingerprint to a folder: anything but 16 hex digits is refused (a bug or a forged job). */
  private entry(fingerprint: string): string {
    return inside(this.root, checkFingerprint(fingerprint));
  }

  async has(fingerprint: string): Promise<boolean> {
    try {
      await stat(path.join(this.entry(fingerprint), MANIFEST));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether `load` would serve the entry: it exists and verifies. A trial whose every stage is
   * usable is replayed without a process of its own; an entry that exists but does not verify must
   * send its trial to a process that can compute the stage (and evict the entry, saying so).
   */
  async usable(fingerprint: string): Promise<boolean> {
    const dir = this.entry(fingerprint);
    if (!(await lstat(dir).catch(() => undefined))) return false;
    const checked = await verifyEntry(dir, fingerprint);
    if (checked.ok) this.verified.set(fingerprint, checked.manifest);
    return checked.ok;
  }

  /**
   * Loads a stored stage, copying its artifacts into `stageDir`; undefined on a miss. An entry that
   * does not verify is evicted (`warn` is told once) and is a miss.
   */
  async load(fingerprint: string, stageDir: string, warn: CacheWarn = () => undefined): Promise<CacheHit | undefined> {
    this.orphansSwept ??= this.sweepOrphans(warn);
    await this.orphansSwept;
    const dir = this.entry(fingerprint);
    if (!(await lstat(dir).catch(() => undefined))) return undefined;
    const memo = this.verified.get(fingerprint);
    this.verified.delete(fingerprint);
    const checked: Verified = memo ? { ok: true, manifest: memo } : await verifyEntry(dir, fingerprint);
    if (!checked.ok) {
      await this.evict(dir, checked.problem, warn);
      return undefined;
    }
    const manifest = checked.manifest;
    await mkdir(stageDir, { recursive: true });
    // Only the files the manifest lists (and verification checked) are copied out.
    for (const rel of Object.keys(manifest.files)) {
      if (!rel.startsWith(`${ARTIFACTS}/`)) continue;
      const target = inside(stageDir, rel.slice(ARTIFACTS.length + 1));
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(dir, rel), target);
    }
    const outputs = async (): Promise<StageResult['outputs']> => {
      const values: Record<string, StageValue> = {};
      for (const [name, stored] of Object.entries(manifest.outputs)) {
        if (stored.kind === 'model') {
          values[name] = { kind: 'model', dir: path.join(stageDir, 'model'), model: stored.model };
          continue;
        }
        const split: DataSplit = {
          train: await readSet(path.join(dir, `${name}.train`), stored.train),
          test: await readSet(path.join(dir, `${name}.test`), stored.test),
          ...(stored.validation
            ? { validation: await readSet(path.join(dir, `${name}.validation`), stored.validation) }
            : {}),
          identity: stored.identity,
        };
        values[name] = { kind: 'images', split, flat: stored.flat };
      }
      return values;
    };
    return {
      metrics: manifest.metrics,
      outputs,
      epochs: manifest.epochs,
      artifacts: manifest.artifacts,
      seconds: manifest.seconds,
    };
  }

  /**
   * Moves an entry out of the way in one rename, then deletes it: readers never see half of it, and
   * of several processes finding the same bad entry only the one whose rename wins warns.
   */
  private async evict(dir: string, problem: string, warn: CacheWarn): Promise<void> {
    const trash = path.join(this.root, `.evict-${path.basename(dir)}-${randomBytes(4).toString('hex')}`);
    try {
      await rename(dir, trash);
    } catch {
      return; // gone already: another process evicted it
    }
    warn(`the stage cache entry ${dir} was not used: ${problem}; it was removed and the stage is computed again`);
    await rm(trash, { recursive: true, force: true });
  }

  /**
   * Once per process: temp folders whose writer is gone (killed while storing: its pid is dead on
   * this machine, or the folder is a day old from another machine), entry folders without a
   * manifest, and leftovers of an interrupted eviction.
   */
  private async sweepOrphans(warn: CacheWarn): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(this.root, name);
      if (name.startsWith('.evict-')) {
        await rm(full, { recursive: true, force: true });
        continue;
      }
      const temp = TEMP_NAME.exec(name);
      if (temp) {
        const [, , pid, host] = temp;
        const age = Date.now() - ((await stat(full).catch(() => undefined))?.mtimeMs ?? Date.now());
        const orphan = host === HOST ? !processAlive(Number(pid)) : age > FOREIGN_TEMP_MAX_AGE_MS;
        if (orphan) await this.evict(full, 'a stage was being stored there by a process that is gone', warn);
        continue;
      }
      if (name.startsWith('.tmp-')) {
        // Written by an older aelab (no host in the name): an orphan once an hour old.
        const age = Date.now() - ((await stat(full).catch(() => undefined))?.mtimeMs ?? Date.now());
        if (age > 3600_000) await this.evict(full, 'a stage was being stored there by a process that is gone', warn);
        continue;
      }
      // `<fingerprint>.lock` is a held lock (a directory, see tryLock), not an entry.
      if (name.startsWith('.') || name.endsWith('.lock') || !(await isDirectory(full))) continue;
      const manifest = await stat(path.join(full, MANIFEST)).catch(() => undefined);
      if (!manifest) await this.evict(full, `it has no ${MANIFEST}`, warn);
    }
  }

  /**
   * Claims the right to compute a fingerprint, across processes and machines sharing the cache
   * folder (NFS included): a lock directory made atomically next to the entry (proper-lockfile),
   * its mtime refreshed while held; a pid would mean nothing on another machine. Returns a
   * release function, or undefined while another holder keeps it fresh (the caller waits for the
   * entry to appear). A lock whose holder died (a killed process, a lost machine) goes stale
   * after LOCK_STALE_MS and is taken over.
   */
  async tryLock(fingerprint: string): Promise<(() => Promise<void>) | undefined> {
    await mkdir(this.root, { recursive: true });
    // Loaded here, not at the top: a run whose every stage is cached takes no lock.
    const { default: lockfile } = await import('proper-lockfile');
    try {
      const release = await lockfile.lock(this.entry(fingerprint), {
        realpath: false, // the entry does not exist yet
        stale: LOCK_STALE_MS,
        retries: 0,
        // A lock lost while held (its file removed, the share gone for longer than `stale`):
        // the stage goes on; at worst two holders compute it and one rename wins (see store).
        onCompromised: () => undefined,
      });
      return () => release().catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
      throw e;
    }
  }

  /** Stores a finished stage: its outputs, metrics, epoch history and artifact folder. */
  async store(
    fingerprint: string,
    stage: string,
    result: StageResult,
    history: { epochs: readonly EpochRecord[]; artifacts: readonly ArtifactRecord[] },
    seconds: number,
    stageDir: string,
  ): Promise<void> {
    const final = this.entry(fingerprint);
    if (await this.has(fingerprint)) return;
    await mkdir(this.root, { recursive: true });
    const temp = path.join(this.root, `.tmp-${fingerprint}-${process.pid}-${HOST}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(temp, { recursive: true });
      // Regular files and folders only: a symlink in a stage folder would carry whatever it points at into the shared cache.
      await cp(stageDir, path.join(temp, ARTIFACTS), {
        recursive: true,
        filter: async (src) => {
          const s = await lstat(src);
          return s.isFile() || s.isDirectory();
        },
      });
      const outputs: Record<string, StoredImages | { kind: 'model'; model: string }> = {};
      for (const [name, value] of Object.entries(result.outputs)) {
        if (value.kind === 'model') {
          outputs[name] = { kind: 'model', model: value.model };
          continue;
        }
        await writeSet(path.join(temp, `${name}.train`), value.split.train);
        await writeSet(path.join(temp, `${name}.test`), value.split.test);
        const validation = value.split.validation;
        if (validation) await writeSet(path.join(temp, `${name}.validation`), validation);
        outputs[name] = {
          kind: 'images',
          flat: value.flat,
          identity: value.split.identity,
          train: shapeOf(value.split.train),
          test: shapeOf(value.split.test),
          ...(validation ? { validation: shapeOf(validation) } : {}),
        };
      }
      const manifest = await manifestFor(temp, {
        fingerprint,
        stage,
        metrics: result.metrics,
        epochs: history.epochs,
        artifacts: history.artifacts,
        seconds,
        outputs,
        created: new Date().toISOString(),
      });
      // The manifest goes last, recording what was written: an entry without one is never read.
      await writeFile(path.join(temp, MANIFEST), manifest);
      await rename(temp, final);
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      // Another process stored the same fingerprint first: its entry is as good as ours.
      if (!(await this.has(fingerprint))) throw e;
    }
  }
}

function shapeOf(set: ImageSet): Omit<ImageSet, 'images' | 'labels'> {
  return { n: set.n, height: set.height, width: set.width, channels: set.channels, classes: set.classes };
}

async function writeSet(prefix: string, set: ImageSet): Promise<void> {
  // Stage outputs are model outputs, float32 already; bytes (a data set) are stored as floats too.
  const values = floatRange(set.images);
  await writeFile(`${prefix}.f32`, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  await writeFile(`${prefix}.labels`, Buffer.from(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength));
}

async function readSet(prefix: string, shape: Omit<ImageSet, 'images' | 'labels'>): Promise<ImageSet> {
  const pixels = await readFile(`${prefix}.f32`);
  const labels = await readFile(`${prefix}.labels`);
  // Verified with the entry; this guards against a manifest whose shapes and files disagree.
  if (pixels.byteLength !== shape.n * shape.height * shape.width * shape.channels * 4 || labels.byteLength !== shape.n)
    throw new Error(
      `${prefix}.f32: ${pixels.byteLength} bytes and ${labels.byteLength} labels do not hold ${shape.n} images of ${shape.height}x${shape.width}x${shape.channels}`,
    );
  // Copy into fresh, aligned buffers: a Buffer from readFile may sit at an odd offset in a pool.
  const images = new Float32Array(pixels.byteLength / 4);
  new Uint8Array(images.buffer).set(pixels);
  return { ...shape, images, labels: new Uint8Array(labels) };
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
