/**
 * The autoencoder's analyses, run right after it trains, in the same process, on its outputs: how
 * much class information its test codes keep (linear probe and kNN accuracy), what they look like
 * in two dimensions (latent-map.png), which digits it reconstructs worst (reconstruction-error.png,
 * worst-reconstructed.png), what it decodes between two digits (interpolation.png) and, for the
 * variational AE, across its latent space (manifold.png). They write into the stage's folder and
 * return metrics, so they are cached with the stage and the report and MLflow only read them.
 */
import path from 'node:path';
import type { DataSplit, ImageSet } from '../../data/types.js';
import type { Autoencoder } from '../../models/types.js';
import { isVariational } from '../../models/index.js';
import { knnClassify, knnDescription, linearProbe, probeDescription, type CodeRows } from '../../models/probes.js';
import { writeJsonAtomic } from '../../util/atomic.js';
import { deriveSeed, mulberry32 } from '../../util/random.js';
import { errorsByClass, imageErrors } from '../../analysis/reconstruction.js';
import { subsetIndices } from '../../analysis/rows.js';
import { drawInterpolation, drawLatentMap, drawManifold, drawReconstructionErrors } from './analysis-figures.js';
import type { StageContext } from '../stage.js';
import { encodeImagePairs } from '../../analysis/image-pairs.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { ANALYSIS_FILE, TEST_IMAGES } from './analysis-files.js';

export const KNN_K = 5;
/** UMAP is drawn from at most this many test codes (a seeded subset): its cost grows faster than linearly. */
export const UMAP_POINTS = 2000;

const rowsOf = (set: ImageSet): CodeRows => ({
  x: set.images,
  n: set.n,
  dim: set.height * set.width * set.channels,
  labels: set.labels,
});

/** 95% Wilson interval of an accuracy measured on n images. */
function wilson(p: number, n: number): [number, number] {
  const z = 1.96;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

export async function analyseAutoencoder(
  ae: Autoencoder,
  data: DataSplit,
  codes: DataSplit,
  reconstructions: DataSplit,
  trainingSeconds: number,
  ctx: StageContext,
): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    seconds[what] = (performance.now() - t0) / 1000;
    return r;
  };
  const classes = data.test.classes;
  const probe = await timed('probe', () => linearProbe(rowsOf(codes.train), rowsOf(codes.test), classes));
  const knn = await timed('knn', () => knnClassify(rowsOf(codes.train), rowsOf(codes.test), classes, { k: KNN_K }));
  const umapSubset = subsetIndices(codes.test.labels, UMAP_POINTS, mulberry32(deriveSeed(ctx.seed, 'umap-subset')));
  const map = await timed('latent_map', () => drawLatentMap(rowsOf(codes.test), umapSubset, ctx));
  const errors = imageErrors(rowsOf(data.test), rowsOf(reconstructions.test));
  const byClass = errorsByClass(errors, data.test.labels, classes, 4);
  await timed('reconstruction', () => drawReconstructionErrors(byClass, data.test, reconstructions.test, ctx));
  const pair = await timed('interpolation', () => drawInterpolation(ae, data.test, codes.test, ctx));
  if (isVariational(ae)) await timed('manifold', () => drawManifold(ae, rowsOf(codes.test), ctx));
  await timed('test_images', () => writeTestImages(data.test, reconstructions.test, ctx));
  const n = codes.test.n;
  const meanError = errors.reduce((a, b) => a + b, 0) / errors.length;
  await writeJsonAtomic(path.join(ctx.dir, ANALYSIS_FILE), {
    split: { train: codes.train.n, test: n },
    probe: {
      accuracy: probe.accuracy,
      interval95: wilson(probe.accuracy, n),
      method: probeDescription(),
      fit: probe.fit,
    },
    knn: {
      accuracy: knn.accuracy,
      interval95: wilson(knn.accuracy, n),
      k: KNN_K,
      distance: 'euclidean',
      method: knnDescription({ k: KNN_K }),
    },
    latent_map: map,
    reconstruction_error: {
      measure: 'mean squared error per pixel, pixel values in [0,1], test split',
      mean: meanError,
      per_class: byClass,
    },
    interpolation: { from: pair[0], to: pair[1], labels: [data.test.labels[pair[0]], data.test.labels[pair[1]]] },
    seconds: { ...seconds, training: trainingSeconds },
  });
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${ANALYSIS_FILE}`,
    description: 'probe and kNN accuracy with intervals, reconstruction error per class, what each analysis took',
  });
  const metrics: Record<string, number> = { probe_acc: probe.accuracy, knn_acc: knn.accuracy, recon_mse: meanError };
  return metrics;
}

/** The test originals and reconstructions as bytes, for the report's gallery (image-pairs.ts). */
async function writeTestImages(test: ImageSet, reconstructions: ImageSet, ctx: StageContext): Promise<void> {
  const file = encodeImagePairs({
    n: test.n,
    height: test.height,
    width: test.width,
    channels: test.channels,
    labels: test.labels,
    originals: test.images,
    reconstructions: reconstructions.images,
  });
  await writeFileAtomic(path.join(ctx.dir, TEST_IMAGES.file), file);
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${TEST_IMAGES.file}`,
    description: TEST_IMAGES.holds,
  });
}
