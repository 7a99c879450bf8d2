/** The data part's public surface. */
export type { DataSplit, ImageSet } from './types.js';
export type {
  DataSourceConfig,
  IdxSourceConfig,
  MnistSourceConfig,
  UrlSourceConfig,
  IdxRole,
} from '../types/experiment-config.js';
export { loadDataSplit, type LoadDataOptions } from './load.js';
export { deriveSeed, mulberry32, permutation, randomInt, shuffleInPlace, type Rng } from '../util/random.js';
export { type DownloadOptions, type DownloadProgress } from './download.js';
