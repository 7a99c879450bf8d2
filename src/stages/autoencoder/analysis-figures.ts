/** The autoencoder analyses' figures, each written into the stage folder and announced as an artifact. */
import path from 'node:path';
import type { ImageSet } from '../../data/types.js';
import type { Autoencoder } from '../../models/types.js';
import type { VariationalAutoencoder } from '../../models/vae.js';
import {
  classBarsChart,
  imageGridOnAxes,
  imageRowsFigure,
  latentMapFigure,
  type GridImage,
  type ImageRow,
  type MapPanel,
} from '../../pictures/index.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { floatRange } from '../../util/pixels.js';
import { pca2d, pcaPlaneGrid, umap2d } from '../../analysis/embed.js';
import { interpolationPair, lineBetween } from '../../analysis/interpolation.js';
import type { ClassError } from '../../analysis/reconstruction.js';
import type { Rows } from '../../analysis/rows.js';
import type { StageContext } from '../stage.js';
import type { Samples } from '../../models/types.js';

import {
  INTERPOLATION_FILE,
  LATENT_MAP_FILE,
  MANIFOLD_FILE,
  RECONSTRUCTION_ERROR_FILE,
  WORST_RECONSTRUCTED_FILE,
} from './analysis-files.js';
const INTERPOLATION_STEPS = 10;
const MANIFOLD_K = 15;

async function write(ctx: StageContext, file: string, png: Buffer, description: string): Promise<void> {
  await writeFileAtomic(path.join(ctx.dir, file), png);
  ctx.emit({ type: 'artifact', stage: ctx.name, path: `${ctx.relDir}/${file}`, description });
}

function image(
  set: { images: ImageSet['images']; height: number; width: number; channels: number },
  i: number,
): GridImage {
  const size = set.height * set.width * set.channels;
  return {
    pixels: floatRange(set.images, i * size, (i + 1) * size),
    height: set.height,
    width: set.width,
    channels: set.channels,
  };
}

function decodedImages(s: Samples, like: ImageSet): GridImage[] {
  return Array.from({ length: s.n }, (_, i) => image({ ...like, images: s.x }, i));
}

/** PCA of every test code and UMAP of a seeded subset (or the code itself when it has two values). */
export async function drawLatentMap(
  codes: Rows & { labels: Uint8Array },
  umapSubset: readonly number[],
  ctx: StageContext,
): Promise<{ panels: string[]; pca_explained?: readonly number[]; umap_points?: number }> {
  const pick = (idx: readonly number[]): Rows => {
    const x = new Float32Array(idx.length * codes.dim);
    idx.forEach((i, k) => x.set(floatRange(codes.x, i * codes.dim, (i + 1) * codes.dim), k * codes.dim));
    return { x, n: idx.length, dim: codes.dim };
  };
  let panels: MapPanel[];
  let record: { panels: string[]; pca_explained?: readonly number[]; umap_points?: number };
  if (codes.dim === 2) {
    panels = [
      {
        title: 'The code itself',
        xTitle: 'Code value 1',
        yTitle: 'Code value 2',
        points: floatRange(codes.x, 0, codes.n * 2),
        labels: codes.labels,
      },
    ];
    record = { panels: ['code'] };
  } else {
    const pca = pca2d(codes);
    const sub = pick(umapSubset);
    const umap = umap2d(sub, ctx.seed);
    const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
    panels = [
      {
        title: `PCA (${pct(pca.explained[0])} and ${pct(pca.explained[1])} of the variance)`,
        xTitle: 'Principal component 1',
        yTitle: 'Principal component 2',
        points: pca.points,
        labels: codes.labels,
      },
      {
        title: `UMAP (${sub.n} of the test codes)`,
        xTitle: 'UMAP 1',
        yTitle: 'UMAP 2',
        points: umap.points,
        labels: umapSubset.map((i) => codes.labels[i]!),
      },
    ];
    record = { panels: ['pca', 'umap'], pca_explained: pca.explained, umap_points: sub.n };
  }
  const png = await latentMapFigure(panels, {
    title: `${ctx.name}: the test codes in two dimensions`,
    caption: [
      `one point per test image, coloured by its digit; codes of ${codes.dim} values`,
      'UMAP: 15 neighbours, min_dist 0.1, seeded from the run seed',
    ],
  });
  await write(
    ctx,
    LATENT_MAP_FILE,
    png,
    'the test codes in 2-D (PCA and UMAP, or the 2-D code itself), coloured by digit',
  );
  return record;
}

export async function drawReconstructionErrors(
  byClass: readonly ClassError[],
  originals: ImageSet,
  reconstructions: ImageSet,
  ctx: StageContext,
): Promise<void> {
  const bars = byClass
    .filter((c) => c.n > 0)
    .map((c) => ({
      cls: String(c.cls),
      series: "mean over the class's test images",
      value: c.mean,
      ...(Number.isFinite(c.se) ? { low: c.mean - 1.96 * c.se, high: c.mean + 1.96 * c.se } : {}),
    }));
  await write(
    ctx,
    RECONSTRUCTION_ERROR_FILE,
    await classBarsChart(bars, {
      title: `${ctx.name}: reconstruction error per digit`,
      caption: ['mean squared error per pixel on the test split; black lines: 95% intervals of the mean'],
      xTitle: 'Digit',
      yTitle: 'Mean squared error per pixel',
    }),
    'reconstruction error per digit on the test split, with 95% intervals',
  );
  const rows: ImageRow[] = byClass
    .filter((c) => c.n > 0)
    .map((c) => ({
      label: `digit ${c.cls}`,
      images: c.worst.flatMap((i) => [image(originals, i), image(reconstructions, i)]),
    }));
  await write(
    ctx,
    WORST_RECONSTRUCTED_FILE,
    await imageRowsFigure(rows, {
      title: `${ctx.name}: the worst-reconstructed test digits of each class`,
      caption: ['pairs of original (left) and reconstruction (right), worst first'],
      scale: 2,
    }),
    'the worst-reconstructed test digits of each class, original beside reconstruction',
  );
}

/** Decodings along the straight line between the codes of two test digits of different classes. */
export async function drawInterpolation(
  ae: Autoencoder,
  test: ImageSet,
  codes: ImageSet,
  ctx: StageContext,
): Promise<[number, number]> {
  const [a, b] = interpolationPair(test.labels, ctx.seed);
  const dim = codes.height * codes.width * codes.channels;
  const line = lineBetween(
    floatRange(codes.images, a * dim, (a + 1) * dim),
    floatRange(codes.images, b * dim, (b + 1) * dim),
    INTERPOLATION_STEPS,
  );
  const decoded = await ae.decode({ x: line, n: INTERPOLATION_STEPS, shape: ae.codeShape });
  const rows: ImageRow[] = [
    {
      label: 'originals',
      images: [image(test, a), ...Array.from({ length: INTERPOLATION_STEPS - 2 }, () => blank(test)), image(test, b)],
    },
    { label: 'decoded', images: decodedImages(decoded, test) },
  ];
  await write(
    ctx,
    INTERPOLATION_FILE,
    await imageRowsFigure(rows, {
      title: `${ctx.name}: from a ${test.labels[a]} to a ${test.labels[b]} in code space`,
      caption: [
        `test digits #${a} and #${b}; below, the decodings of ${INTERPOLATION_STEPS} evenly spaced points on the straight line between their codes (ends included)`,
      ],
      scale: 2,
    }),
    `decodings along the line between the codes of test digits #${a} and #${b}`,
  );
  return [a, b];
}

function blank(like: ImageSet): GridImage {
  return {
    pixels: new Float32Array(like.height * like.width * like.channels).fill(NaN),
    height: like.height,
    width: like.width,
    channels: like.channels,
  };
}

/**
 * The digit manifold, as the Keras blog draws it: for a 2-D latent, a grid over the quantiles 5%..95%
 * of N(0, 1) on both axes; for a larger latent, a grid over the plane of the test codes' first two
 * principal components, +-2 standard deviations around their mean.
 */
export async function drawManifold(ae: VariationalAutoencoder, codes: Rows, ctx: StageContext): Promise<void> {
  const shape = ae.imageShape as readonly number[];
  const like = { height: shape[0]!, width: shape[1]!, channels: shape[2] ?? 1 };
  let decoded: Samples;
  let axes: { x: [number, number]; xTitle: string; yTitle: string; caption: string };
  if (ae.spec.latent === 2) {
    decoded = await ae.decodeGrid(MANIFOLD_K);
    const q = 1.6448536269514722; // the 95% quantile of N(0, 1)
    axes = {
      x: [-q, q],
      xTitle: 'z1',
      yTitle: 'z2',
      caption: `decoded points on a ${MANIFOLD_K}x${MANIFOLD_K} grid over the 5%..95% quantiles of the prior N(0, 1), evenly spaced in probability`,
    };
  } else {
    const grid = pcaPlaneGrid(codes, MANIFOLD_K, 2);
    decoded = await ae.decode({ x: grid.codes, n: MANIFOLD_K * MANIFOLD_K, shape: ae.codeShape });
    axes = {
      x: [-2, 2],
      xTitle: 'Principal component 1 (standard deviations)',
      yTitle: 'Principal component 2 (standard deviations)',
      caption: `decoded points on a ${MANIFOLD_K}x${MANIFOLD_K} grid over the plane of the test codes' first two principal components`,
    };
  }
  const images = Array.from({ length: decoded.n }, (_, i) => image({ ...like, images: decoded.x }, i));
  const rows: ImageRow[] = Array.from({ length: MANIFOLD_K }, (_, r) => ({
    label: '',
    images: images.slice(r * MANIFOLD_K, (r + 1) * MANIFOLD_K),
  }));
  const tickNote =
    ae.spec.latent === 2
      ? ['axis ticks mark the ends of the grid; columns are evenly spaced in probability, not in z']
      : [];
  await write(
    ctx,
    MANIFOLD_FILE,
    await imageGridOnAxes(rows, {
      title: `${ctx.name}: the digit manifold`,
      caption: [axes.caption, ...tickNote],
      xTitle: axes.xTitle,
      yTitle: axes.yTitle,
      x: axes.x,
      y: axes.x,
      scale: 1,
    }),
    'the digit manifold: digits decoded on a grid across the latent space',
  );
}
