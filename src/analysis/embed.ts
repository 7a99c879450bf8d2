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
