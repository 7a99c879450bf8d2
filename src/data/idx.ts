/**
 * Reader for the IDX format of MNIST and its look-alikes (Fashion-MNIST, KMNIST, ...), gzipped or
 * not. Only what those sets use is supported: uint8 images (magic 0x00000803, dims n,rows,cols)
 * and uint8 labels (magic 0x00000801, dim n). Every broken input is an error value that names the
 * file and what is wrong with it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ByteImageSet } from './bytes.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import { describeError, errorCode } from './errors.js';
import type { IdxRole } from '../types/experiment-config.js';

const gunzipAsync = promisify(gunzip);

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  readonly n: number;
  readonly rows: number;
  readonly cols: number;
  readonly pixels: Uint8Array;
}

export interface IdxLabels {
  readonly n: number;
  readonly labels: Uint8Array;
}

/** The four files of a train/test IDX data set. */
export type { IdxRole } from '../types/experiment-config.js';
export const IDX_ROLES: readonly IdxRole[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];
export type IdxFilePaths = Readonly<Record<IdxRole, string>>;

/** Canonical file names (as published for MNIST), the `.gz` form being the one usually served. */
export const IDX_FILE_NAMES: Readonly<Record<IdxRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

const ROLE_TEXT: Readonly<Record<IdxRole, string>> = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Gunzip when the bytes start with the gzip magic 1f 8b; otherwise return them unchanged. */
async function maybeGunzip(bytes: Uint8Array, name: string): Promise<Result<Uint8Array>> {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return ok(new Uint8Array(await gunzipAsync(bytes)));
    } catch (e) {
      return fail(`${name}: the gzip data is corrupt or truncated (${describeError(e)})`);
    }
  }
  return ok(bytes);
}

/**
 * Checks the header of an IDX buffer and returns its dims and the byte offset of the data.
 * `kind` only words the messages.
 */
function parseHeader(
  buf: Uint8Array,
  expectedMagic: number,
  name: string,
): Result<{ dims: number[]; offset: number; size: number }> {
  const kind = expectedMagic === IDX_IMAGES_MAGIC ? 'image' : 'label';
  if (buf.length < 4) return fail(`${name}: truncated: ${buf.length} bytes, too short for an IDX header`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    const other =
      magic === IDX_IMAGES_MAGIC
        ? ' (that is an IDX image file)'
        : magic === IDX_LABELS_MAGIC
          ? ' (that is an IDX label file)'
          : '';
    return fail(
      `${name}: wrong magic number ${hex(magic)}${other}; an IDX ${kind} file starts with ${hex(expectedMagic)}`,
    );
  }
  const ndims = buf[3]!;
  const offset = 4 + 4 * ndims;
  if (buf.length < offset)
    return fail(
      `${name}: truncated: the header declares ${ndims} dimensions but the file ends after ${buf.length} bytes`,
    );
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const found = buf.length - offset;
  const what = kind === 'image' ? `${dims[0]} images of ${dims[1]}x${dims[2]}` : `${dims[0]} labels`;
  if (found < size) return fail(`${name}: truncated: ${what} need ${size} bytes of data, the file has ${found}`);
  if (found > size) return fail(`${name}: ${found - size} unexpected bytes after the data of ${what}`);
  return ok({ dims, offset, size });
}

/** Parses IDX image bytes (gzipped or not). `name` is used in messages, usually the file path. */
export async function parseIdxImages(bytes: Uint8Array, name: string): Promise<Result<IdxImages>> {
  const raw = await maybeGunzip(bytes, name);
  if (!raw.ok) return raw;
  const h = parseHeader(raw.value, IDX_IMAGES_MAGIC, name);
  if (!h.ok) return h;
  const [n, rows, cols] = h.value.dims as [number, number, number];
  if (rows === 0 || cols === 0) return fail(`${name}: images of ${rows}x${cols} pixels are empty`);
  return ok({ n, rows, cols, pixels: raw.value.subarray(h.value.offset, h.value.offset + h.value.size) });
}

/** Parses IDX label bytes (gzipped or not). */
export async function parseIdxLabels(bytes: Uint8Array, name: string): Promise<Result<IdxLabels>> {
  const raw = await maybeGunzip(bytes, name);
  if (!raw.ok) return raw;
  const h = parseHeader(raw.value, IDX_LABELS_MAGIC, name);
  if (!h.ok) return h;
  const n = h.value.dims[0]!;
  return ok({ n, labels: raw.value.subarray(h.value.offset, h.value.offset + h.value.size) });
}

async function readBytes(file: string): Promise<Result<Uint8Array>> {
  try {
    return ok(new Uint8Array(await readFile(file)));
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ENOENT') return fail(`${file}: file not found`);
    if (code === 'EISDIR') return fail(`${file}: is a folder, expected an IDX file`);
    if (code === 'EACCES') return fail(`${file}: permission denied`);
    return fail(`${file}: cannot read (${describeError(e)})`);
  }
}

export async function readIdxImages(file: string): Promise<Result<IdxImages>> {
  const bytes = await readBytes(file);
  return bytes.ok ? parseIdxImages(bytes.value, file) : bytes;
}

export async function readIdxLabels(file: string): Promise<Result<IdxLabels>> {
  const bytes = await readBytes(file);
  return bytes.ok ? parseIdxLabels(bytes.value, file) : bytes;
}

/** Names a folder may use for a role: `-idx3-ubyte` or `.idx3-ubyte`, raw or `.gz` (raw first: faster). */
export function idxCandidateNames(role: IdxRole): string[] {
  const canonical = IDX_FILE_NAMES[role];
  const dotted = canonical.replace(/-(idx\d-ubyte)$/, '.$1');
  return [canonical, dotted].flatMap((base) => [base, `${base}.gz`]);
}

/** Finds the four IDX files of a folder, or says which are missing and what it looked for. */
export async function findIdxFiles(dir: string): Promise<Result<IdxFilePaths>> {
  let entries: string[];
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return fail(`${dir}: not a folder (expected a folder holding the four IDX files)`);
    entries = await readdir(dir);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return fail(`${dir}: folder not found`);
    return fail(`${dir}: cannot list the folder (${describeError(e)})`);
  }
  const present = new Set(entries);
  const found: Partial<Record<IdxRole, string>> = {};
  const missing: string[] = [];
  for (const role of IDX_ROLES) {
    const candidates = idxCandidateNames(role);
    const name = candidates.find((c) => present.has(c));
    if (name) found[role] = path.join(dir, name);
    else missing.push(`no ${ROLE_TEXT[role]} (looked for ${candidates.join(', ')})`);
  }
  if (missing.length > 0) return fail(`${dir}: ${missing.join('; ')}`);
  return ok(found as IdxFilePaths);
}

/** A train/test pair read from IDX files, with a hash of the files' bytes as a data fingerprint. */
export interface IdxSplit {
  readonly train: ByteImageSet;
  readonly test: ByteImageSet;
  /** sha256 (hex) over the four files' raw bytes, in role order. */
  readonly contentHash: string;
}

/**
 * Reads and checks the four files: counts of images and labels must agree per split, and train
 * and test images must have the same size. All problems found are reported together.
 */
export async function readIdxSplit(files: IdxFilePaths): Promise<Result<IdxSplit>> {
  const bytes = await Promise.all(IDX_ROLES.map((r) => readBytes(files[r])));
  const readErrors = bytes.flatMap((b) => (b.ok ? [] : [b.error]));
  if (readErrors.length > 0) return fail(readErrors.join('\n'));
  const raw = bytes.map((b) => (b as { value: Uint8Array }).value) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

  const hash = createHash('sha256');
  for (const b of raw) hash.update(createHash('sha256').update(b).digest());
  const contentHash = hash.digest('hex');

  const [trImg, trLab, teImg, teLab] = await Promise.all([
    parseIdxImages(raw[0], files.trainImages),
    parseIdxLabels(raw[1], files.trainLabels),
    parseIdxImages(raw[2], files.testImages),
    parseIdxLabels(raw[3], files.testLabels),
  ]);
  const errors: string[] = [];
  for (const r of [trImg, trLab, teImg, teLab]) if (!r.ok) errors.push(r.error);
  if (!trImg.ok || !trLab.ok || !teImg.ok || !teLab.ok) return fail(errors.join('\n'));

  if (trImg.value.n !== trLab.value.n)
    errors.push(
      `${files.trainImages} holds ${trImg.value.n} images but ${files.trainLabels} holds ${trLab.value.n} labels`,
    );
  if (teImg.value.n !== teLab.value.n)
    errors.push(
      `${files.testImages} holds ${teImg.value.n} images but ${files.testLabels} holds ${teLab.value.n} labels`,
    );
  if (trImg.value.rows !== teImg.value.rows || trImg.value.cols !== teImg.value.cols)
    errors.push(
      `training images are ${trImg.value.rows}x${trImg.value.cols} but test images are ${teImg.value.rows}x${teImg.value.cols} (${files.testImages})`,
    );
  errors.push(...labelErrors(trLab.value.labels, teLab.value.labels, files));
  if (errors.length > 0) return fail(errors.join('\n'));

  const set = (img: IdxImages, lab: IdxLabels): ByteImageSet => ({
    n: img.n,
    height: img.rows,
    width: img.cols,
    pixels: img.pixels,
    labels: lab.labels,
  });
  return ok({ train: set(trImg.value, trLab.value), test: set(teImg.value, teLab.value), contentHash });
}

/**
 * The classes of a set are 0..k-1, each with at least one training image; a label outside them
 * (a stray byte of 200 among digits 0-9) is refused with its file and index, rather than making a
 * classifier of 201 classes, 191 of which never occur.
 */
function labelErrors(train: Uint8Array, test: Uint8Array, files: IdxFilePaths): string[] {
  const seen = new Array<boolean>(256).fill(false);
  for (const l of train) seen[l] = true;
  const k = seen.indexOf(false) < 0 ? 256 : seen.indexOf(false);
  const out: string[] = [];
  for (const [labels, file] of [
    [train, files.trainLabels],
    [test, files.testLabels],
  ] as const) {
    const at = labels.findIndex((l) => l >= k);
    if (at < 0) continue;
    const more = labels.reduce((c, l) => c + (l >= k ? 1 : 0), 0) - 1;
    out.push(
      `${file}: label ${labels[at]} at index ${at} is outside the classes 0-${k - 1} (no training image has label ${k})${more > 0 ? `; ${more} more label${more === 1 ? '' : 's'} outside them` : ''}`,
    );
  }
  return out;
}

/** Serialises an IDX image file (uncompressed): used by tests and tools that write data sets. */
export function encodeIdxImages(pixels: Uint8Array, n: number, rows: number, cols: number): Uint8Array {
  const out = new Uint8Array(16 + pixels.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, IDX_IMAGES_MAGIC, false);
  v.setUint32(4, n, false);
  v.setUint32(8, rows, false);
  v.setUint32(12, cols, false);
  out.set(pixels, 16);
  return out;
}

/** Serialises an IDX label file (uncompressed). */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, IDX_LABELS_MAGIC, false);
  v.setUint32(4, labels.length, false);
  out.set(labels, 8);
  return out;
}
