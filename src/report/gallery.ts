/**
 * The gallery of "Where the CNN on reconstructions loses": the test digits the classifier on raw
 * digits gets right and the one on an autoencoder's reconstructions gets wrong, each as the
 * original beside its reconstruction with both predictions. It is drawn here, where both
 * classifiers' predictions are known, from the test images the autoencoder stage kept
 * (TEST_IMAGES), so that a report of a cached run reads files only, never the data set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeImagePairs, type ImagePairs } from '../analysis/image-pairs.js';
import { rightOnlyFor } from '../analysis/paired.js';
import type { GridImage, ImageRow } from '../pictures/index.js';
import { cachedFigure } from '../pictures/render-cache.js';
import { TEST_IMAGES } from '../stages/autoencoder/analysis-files.js';
import type { Predictions } from '../types/stage-files.js';
import { floatRange } from '../util/pixels.js';

/** The gallery's file in the folder of the classifier on reconstructions (written with report.html). */
export const GALLERY_FILE = 'gallery.png';
/** At most this many digits are drawn (the first in test-set order); the caption says how many there are. */
export const GALLERY_LIMIT = 24;

export interface GalleryInput {
  readonly raw: { readonly name: string; readonly predictions: Predictions };
  readonly recon: { readonly name: string; readonly predictions: Predictions };
  /** The autoencoder whose reconstructions `recon` classified. */
  readonly autoencoder: string;
}

export type Gallery =
  | { readonly kind: 'figure'; readonly png: Buffer; readonly shown: readonly number[]; readonly total: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly why: string };

/** The autoencoder's kept test images, if its folder has them; `why` when the file is there but unusable. */
export async function readTestImages(
  stageFolder: string,
): Promise<{ ok: true; value: ImagePairs } | { ok: false; why?: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(stageFolder, TEST_IMAGES.file));
  } catch {
    return { ok: false };
  }
  const decoded = decodeImagePairs(bytes);
  return decoded.ok ? decoded : { ok: false, why: `${TEST_IMAGES.file}: ${decoded.error}` };
}

function imageAt(p: ImagePairs, values: Uint8Array, i: number): GridImage {
  const size = p.height * p.width * p.channels;
  return {
    pixels: floatRange(values, i * size, (i + 1) * size),
    height: p.height,
    width: p.width,
    channels: p.channels,
  };
}

/** The gallery drawn from the kept test images, when they are the images both classifiers scored. */
export async function drawGallery(pairs: ImagePairs, input: GalleryInput): Promise<Gallery> {
  const a = input.raw.predictions;
  const b = input.recon.predictions;
  const n = pairs.n;
  if (
    a.labels.length !== n ||
    b.labels.length !== n ||
    a.labels.some((l, i) => l !== pairs.labels[i] || l !== b.labels[i])
  )
    return {
      kind: 'unreadable',
      why: `the ${n} test images ${input.autoencoder} kept are not the ${b.labels.length} that ${input.recon.name} classified (labels differ)`,
    };
  const cases = rightOnlyFor(a.labels, a.predicted, b.predicted);
  if (!cases.length) return { kind: 'none' };
  const shown = cases.slice(0, GALLERY_LIMIT);
  const rows: ImageRow[] = shown.map((i) => ({
    label: `test #${i}, a ${a.labels[i]}: ${input.raw.name} says ${a.predicted[i]}, ${input.recon.name} says ${b.predicted[i]}`,
    images: [imageAt(pairs, pairs.originals, i), imageAt(pairs, pairs.reconstructions, i)],
  }));
  const options = {
    title: `Test digits ${input.raw.name} gets right and ${input.recon.name} gets wrong`,
    caption: [
      `left: the test digit as ${input.raw.name} saw it; right: ${input.autoencoder}'s reconstruction, which ${input.recon.name} saw`,
      shown.length < cases.length
        ? `the first ${shown.length} of ${cases.length} such test digits, in test-set order`
        : `all ${cases.length} such test digit${cases.length === 1 ? '' : 's'}, in test-set order`,
    ],
    scale: 2,
  };
  // Drawing loads vega and resvg: a rerun that changed nothing finds the same figure in the chart cache.
  const png = await cachedFigure(JSON.stringify({ rows, options }), async () =>
    (await import('../pictures/image-figure.js')).imageRowsFigure(rows, options),
  );
  return { kind: 'figure', png, shown, total: cases.length };
}
