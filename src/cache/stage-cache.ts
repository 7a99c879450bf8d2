import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSplit, ImageSet, StageResult } from '../types/stage-values.js';
import type { StageValue } from '../types/stage-values.js';

/** A stage's recorded epoch metrics, replayed into a run that reuses the stage. */
export interface EpochRecord {
  readonly epoch: number;
  readonly epochs: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** A file or folder a stage wrote, relative to its stage folder. */
export interface ArtifactRecord {
  readonly path: string;
  readonly description: string;
}

interface StoredImages {
  readonly kind: 'images';
  readonly flat: boolean;
  readonly identity: string;
  readonly train: Omit<ImageSet, 'images' | 'labels'>;
  readonly test: Omit<ImageSet, 'images' | 'labels'>;
}

interface Manifest {
  readonly fingerprint: string;
  readonly stage: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly epochs: readonly EpochRecord[];
  readonly artifacts: readonly ArtifactRecord[];
  readonly seconds: number;
  readonly outputs: Readonly<
    Record<string, StoredImages | { readonly kind: 'model'; readonly model: 'autoencoder' | 'classifier' }>
  >;
  readonly created: string;
}

export interface CacheHit {
  readonly metrics: Readonly<Record<string, number>>;
  /** The stored outputs, read from disk only when a later stage needs them. */
  readonly outputs: () => Promise<StageResult['outputs']>;
  readonly epochs: readonly EpochRecord[];
  readonly artifacts: readonly ArtifactRecord[];
  readonly seconds: number;
}

const MANIFEST = 'manifest.json';

/**
 * Stage outputs by fingerprint, under `<root>/<fingerprint>/`: the manifest, each image output as
 * raw float32 pixels and uint8 labels, and the stage's artifact folder (model, pictures). An entry
 * is built in a temp folder and renamed into place in one step, so a reader finds a whole entry or
 * none; two processes computing the same stage both succeed and one rename wins.
 */
export class StageCache {
  constructor(readonly root: string) {}

  private entry(fingerprint: string): string {
    return path.join(this.root, fingerprint);
  }

  async has(fingerprint: string): Promise<boolean> {
    try {
      await stat(path.join(this.entry(fingerprint), MANIFEST));
      return true;
    } catch {
      return false;
    }
  }

  /** Loads a stored stage, copying its artifacts into `stageDir`; undefined on a miss. */
  async load(fingerprint: string, stageDir: string): Promise<CacheHit | undefined> {
    const dir = this.entry(fingerprint);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    } catch {
      return undefined;
    }
    await mkdir(stageDir, { recursive: true });
    await cp(path.join(dir, 'artifacts'), stageDir, { recursive: true });
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
   * Claims the right to compute a fingerprint, across processes: a lock file created exclusively,
   * holding the owner's pid. Returns a release function, or undefined while a live process holds
   * it (the caller waits for the entry to appear). A lock left by a dead process is taken over.
   */
  async tryLock(fingerprint: string): Promise<(() => Promise<void>) | undefined> {
    await mkdir(this.root, { recursive: true });
    const lock = path.join(this.root, `${fingerprint}.lock`);
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch {
      const owner = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (owner && owner !== process.pid && isAlive(owner)) return undefined;
      await rm(lock, { force: true });
      return this.tryLock(fingerprint);
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
    const temp = path.join(this.root, `.tmp-${fingerprint}-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(temp, { recursive: true });
      await cp(stageDir, path.join(temp, 'artifacts'), { recursive: true });
      const outputs: Record<string, StoredImages | { kind: 'model'; model: 'autoencoder' | 'classifier' }> = {};
      for (const [name, value] of Object.entries(result.outputs)) {
        if (value.kind === 'model') {
          outputs[name] = { kind: 'model', model: value.model };
          continue;
        }
        await writeSet(path.join(temp, `${name}.train`), value.split.train);
        await writeSet(path.join(temp, `${name}.test`), value.split.test);
        outputs[name] = {
          kind: 'images',
          flat: value.flat,
          identity: value.split.identity,
          train: shapeOf(value.split.train),
          test: shapeOf(value.split.test),
        };
      }
      const manifest: Manifest = {
        fingerprint,
        stage,
        metrics: result.metrics,
        epochs: history.epochs,
        artifacts: history.artifacts,
        seconds,
        outputs,
        created: new Date().toISOString(),
      };
      // The manifest goes last: an entry without one is never read.
      await writeFile(path.join(temp, MANIFEST), JSON.stringify(manifest, null, 2));
      await rename(temp, final);
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      // Another process stored the same fingerprint first: its entry is as good as ours.
      if (!(await this.has(fingerprint))) throw e;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function shapeOf(set: ImageSet): Omit<ImageSet, 'images' | 'labels'> {
  return { n: set.n, height: set.height, width: set.width, channels: set.channels, classes: set.classes };
}

async function writeSet(prefix: string, set: ImageSet): Promise<void> {
  await writeFile(`${prefix}.f32`, Buffer.from(set.images.buffer, set.images.byteOffset, set.images.byteLength));
  await writeFile(`${prefix}.labels`, Buffer.from(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength));
}

async function readSet(prefix: string, shape: Omit<ImageSet, 'images' | 'labels'>): Promise<ImageSet> {
  const pixels = await readFile(`${prefix}.f32`);
  const labels = await readFile(`${prefix}.labels`);
  // Copy into fresh, aligned buffers: a Buffer from readFile may sit at an odd offset in a pool.
  const images = new Float32Array(pixels.byteLength / 4);
  new Uint8Array(images.buffer).set(pixels);
  return { ...shape, images, labels: new Uint8Array(labels) };
}
