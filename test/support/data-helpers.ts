/** Shared helpers for the data tests: temp folders and small generated IDX data sets. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdxImages, encodeIdxLabels, IDX_FILE_NAMES, type IdxRole } from '../../src/data/idx.js';
import { floatRange } from '../../src/util/pixels.js';
import { mulberry32 } from '../../src/util/random.js';
import type { PixelValues } from '../../src/types/samples.js';

export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `aelab-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface GeneratedIdx {
  readonly bytes: Readonly<Record<IdxRole, Uint8Array>>;
  readonly trainPixels: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testPixels: Uint8Array;
  readonly testLabels: Uint8Array;
  readonly rows: number;
  readonly cols: number;
}

/** A small IDX set with pseudo-random pixels and labels 0..classes-1 (every class present). */
export function generateIdx(nTrain: number, nTest: number, rows = 28, cols = 28, classes = 10, seed = 7): GeneratedIdx {
  const rng = mulberry32(seed);
  const pixels = (n: number): Uint8Array => Uint8Array.from({ length: n * rows * cols }, () => Math.floor(rng() * 256));
  const labels = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % classes);
  const trainPixels = pixels(nTrain);
  const testPixels = pixels(nTest);
  const trainLabels = labels(nTrain);
  const testLabels = labels(nTest);
  return {
    bytes: {
      trainImages: encodeIdxImages(trainPixels, nTrain, rows, cols),
      trainLabels: encodeIdxLabels(trainLabels),
      testImages: encodeIdxImages(testPixels, nTest, rows, cols),
      testLabels: encodeIdxLabels(testLabels),
    },
    trainPixels,
    trainLabels,
    testPixels,
    testLabels,
    rows,
    cols,
  };
}

/** Writes the four files under their canonical names, gzipped or raw. */
export async function writeIdxFolder(dir: string, data: GeneratedIdx, gz: boolean): Promise<void> {
  for (const role of Object.keys(IDX_FILE_NAMES) as IdxRole[]) {
    const name = IDX_FILE_NAMES[role] + (gz ? '.gz' : '');
    await writeFile(path.join(dir, name), gz ? gzipSync(data.bytes[role]) : data.bytes[role]);
  }
}

/** A stable text key of an image's pixels (as [0,1] floats, whatever their form), to compare samples across sets. */
export function imageKey(images: PixelValues, i: number, size: number): string {
  const floats = floatRange(images, i * size, (i + 1) * size);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}
