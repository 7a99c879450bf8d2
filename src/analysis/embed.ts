/**
 * Codes drawn in two dimensions: PCA (ml-pca; linear, the axes are the two directions of largest
 * variance) and UMAP (umap-js; non-linear, keeps neighbourhoods). UMAP starts from random numbers:
 * it is given a generator seeded from the run's seed, so a rerun draws the same map.
 */
import { PCA } from 'ml-pca';
import { UMAP } from 'umap-js';
import { deriveSeed, mulberry32 } from '../util/random.js';
import { rowsOf, type Rows } from './rows.js';

export interface Embedding {
  /** x, y of each row, interleaved. */
  readonly points: Float32Array;
  readonly n: number;
}

export interface PcaEmbedding extends Embedding {
  /** Share of the total variance along each of the two axes. */
  readonly explained: readonly [number, number];
}

/** The rows projected on their first two principal components (centred, not scaled). */
export function pca2d(rows: Rows): PcaEmbedding {
  if (rows.dim < 2) throw new Error(`PCA to 2-D needs codes of at least 2 values, these have ${rows.dim}`);
  const data = rowsOf(rows);
  const pca = new PCA(data, { center: true, scale: false });
  const projected = pca.predict(data, { nComponents: 2 });
  const points = new Float32Array(rows.n * 2);
  for (let i = 0; i < rows.n; i++) {
    points[2 * i] = projected.get(i, 0);
    points[2 * i + 1] = projected.get(i, 1);
  }
  const v = pca.getExplainedVariance();
  return { points, n: rows.n, explained: [v[0] ?? 0, v[1] ?? 0] };
}

export interface UmapOptions {
  /** Default 15 (umap-js' and the reference implementation's default). */
  readonly nNeighbors?: number;
  /** Default 0.1. */
  readonly minDist?: number;
  /** Optimisation epochs; default: umap-js' choice for the number of points. */
  readonly nEpochs?: number;
}

/** UMAP of the rows to 2-D, reproducible for a seed. */
export function umap2d(rows: Rows, seed: number, options: UmapOptions = {}): Embedding {
  const nNeighbors = Math.min(options.nNeighbors ?? 15, Math.max(2, rows.n - 1));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: options.minDist ?? 0.1,
    ...(options.nEpochs !== undefined ? { nEpochs: options.nEpochs } : {}),
    random: mulberry32(deriveSeed(seed, 'umap')),
  });
  const out = umap.fit(rowsOf(rows));
  const points = new Float32Array(rows.n * 2);
  out.forEach(([x, y], i) => {
    points[2 * i] = x!;
    points[2 * i + 1] = y!;
  });
  return { points, n: rows.n };
}

export interface PlaneGrid {
  /** k*k codes, row by row from the top (row 0 is the largest second coordinate), left to right. */
  readonly codes: Float32Array;
  /** The coordinates of the columns and of the rows (bottom to top), in standard deviations. */
  readonly steps: readonly number[];
}

/**
 * Codes on a k x k grid over the plane of the rows' first two principal components through their
 * mean, from -spread to +spread standard deviations along each: where a decoder's digits live
 * when the code has more than two values.
 */
export function pcaPlaneGrid(rows: Rows, k: number, spread = 2): PlaneGrid {
  const data = rowsOf(rows);
  const pca = new PCA(data, { center: true, scale: false });
  const vectors = pca.getEigenvectors();
  const sd = pca.getStandardDeviations();
  const mean = new Array<number>(rows.dim).fill(0);
  for (const row of data) row.forEach((v, j) => (mean[j] = mean[j]! + v / rows.n));
  const steps = Array.from({ length: k }, (_, i) => (k === 1 ? 0 : -spread + (2 * spread * i) / (k - 1)));
  const codes = new Float32Array(k * k * rows.dim);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      const a = steps[c]! * (sd[0] ?? 0);
      const b = steps[k - 1 - r]! * (sd[1] ?? 0);
      for (let j = 0; j < rows.dim; j++)
        codes[(r * k + c) * rows.dim + j] =
          mean[j]! + a * vectors.get(j, 0) + b * (rows.dim > 1 ? vectors.get(j, 1) : 0);
    }
  return { codes, steps };
}
