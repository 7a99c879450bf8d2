/**
 * The test images beside their reconstructions, kept by the autoencoder stage as one small file so
 * that the report can show any of them later (the gallery of digits the CNN on reconstructions
 * gets wrong) without loading the data set or the model: a cached rerun reads this file only.
 *
 * Layout, gzip-compressed: the ASCII magic "AEIP1", then n, height, width, channels as uint32
 * little-endian, then n labels (bytes), then n originals and n reconstructions, each pixel one byte
 * (round(value * 255)). The file comes from a runs folder, so decoding trusts nothing in it.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PixelValues } from '../types/samples.js';
import { unitValue } from '../util/pixels.js';

export interface ImagePairs {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly labels: Uint8Array;
  /** Bytes, n images of height*width*channels each: b stands for b/255. */
  readonly originals: Uint8Array;
  readonly reconstructions: Uint8Array;
}

const MAGIC = Buffer.from('AEIP1', 'ascii');
const HEADER = MAGIC.length + 16;
/** More than any image data set aelab reads (70,000 digits of 28x28 RGB): a bigger file is not ours. */
const MAX_BYTES = 512 * 1024 * 1024;

function toBytes(values: PixelValues, length: number): Uint8Array {
  if (values instanceof Uint8Array) return values.subarray(0, length);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.round(Math.min(1, Math.max(0, unitValue(values, i))) * 255);
  return out;
}

export function encodeImagePairs(p: {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly labels: Uint8Array;
  readonly originals: PixelValues;
  readonly reconstructions: PixelValues;
}): Buffer {
  const size = p.n * p.height * p.width * p.channels;
  if (p.labels.length < p.n || p.originals.length < size || p.reconstructions.length < size)
    throw new Error(`image pairs: fewer values than ${p.n} images of ${p.height}x${p.width}x${p.channels}`);
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  [p.n, p.height, p.width, p.channels].forEach((v, i) => header.writeUInt32LE(v, MAGIC.length + 4 * i));
  return gzipSync(
    Buffer.concat([header, p.labels.subarray(0, p.n), toBytes(p.originals, size), toBytes(p.reconstructions, size)]),
  );
}

/** The pairs in a file's bytes, or why they cannot be read. */
export function decodeImagePairs(file: Uint8Array): { ok: true; value: ImagePairs } | { ok: false; error: string } {
  let raw: Buffer;
  try {
    raw = gunzipSync(file, { maxOutputLength: MAX_BYTES });
  } catch (e) {
    return { ok: false, error: `not a gzip file of at most ${MAX_BYTES} bytes (${(e as Error).message})` };
  }
  if (raw.length < HEADER || !raw.subarray(0, MAGIC.length).equals(MAGIC))
    return { ok: false, error: 'not an image-pairs file (wrong header)' };
  const [n, height, width, channels] = [0, 1, 2, 3].map((i) => raw.readUInt32LE(MAGIC.length + 4 * i)) as [
    number,
    number,
    number,
    number,
  ];
  const size = n * height * width * channels;
  if (height < 1 || width < 1 || ![1, 3].includes(channels) || raw.length !== HEADER + n + 2 * size)
    return {
      ok: false,
      error: `${raw.length} bytes do not hold ${n} labelled pairs of ${height}x${width}x${channels} images`,
    };
  const at = (start: number, length: number) => new Uint8Array(raw.buffer, raw.byteOffset + start, length);
  return {
    ok: true,
    value: {
      n,
      height,
      width,
      channels,
      labels: at(HEADER, n),
      originals: at(HEADER + n, size),
      reconstructions: at(HEADER + n + size, size),
    },
  };
}
