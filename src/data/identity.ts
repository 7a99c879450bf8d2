/**
 * What a data set's bytes are, as a short string that goes into its fingerprint (plan/plan.ts), so
 * that changed data is a cache miss rather than old results: IDX files by a hash of their bytes,
 * a URL source by the sha256 it declares (or, without one, by the bytes downloaded), official MNIST
 * by the published sha256s its files are checked against. File hashes are remembered (content-hash.ts), so this
 * costs a few stat calls once the files have been seen.
 */
import path from 'node:path';
import type { DataSourceConfig } from '../types/experiment-config.js';
import { resolveDataPath } from '../util/data-path.js';
import { combineHashes, fileHashes } from './content-hash.js';
import { downloadIdxFiles, downloadFolder, resolveIdxUrls, type DownloadOptions } from './download.js';
import { findIdxFiles, IDX_ROLES, type IdxFilePaths } from './idx.js';
import { OFFICIAL_MNIST_FILES } from './mnist-official.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import { describeError } from './errors.js';

export interface IdentifyOptions {
  /** The experiment file's folder: relative `path`s resolve against it. */
  readonly experimentDir: string;
  /** The data cache (downloads, and the memo of file hashes). */
  readonly cacheDir: string;
  /**
   * Whether a URL source without checksums may be downloaded to learn its bytes (a run: yes;
   * `plan`: no, and such a source then has no content identity yet: undefined).
   */
  readonly download: boolean;
  readonly downloadOptions?: DownloadOptions;
}

/** The content identity of one data source, undefined when it cannot be known without downloading. */
export async function dataContentIdentity(
  source: DataSourceConfig,
  opts: IdentifyOptions,
): Promise<Result<string | undefined>> {
  const cacheDir = path.resolve(opts.cacheDir);
  const hashed = async (label: string, files: readonly string[]): Promise<Result<string>> => {
    try {
      return ok(`${label};sha256=${combineHashes(await fileHashes(files, cacheDir))}`);
    } catch (e) {
      return fail(`${label}: cannot read the data files (${describeError(e)})`);
    }
  };
  switch (source.source) {
    case 'mnist':
      // Loading checks every file against these published sha256s and refuses any other bytes,
      // so they say what the data is without reading 55 MB.
      return ok(`mnist-official;sha256=${combineHashes(IDX_ROLES.map((r) => OFFICIAL_MNIST_FILES[r].sha256))}`);
    case 'idx': {
      const files = await findIdxFiles(resolveDataPath(opts.experimentDir, source.path));
      return files.ok
        ? hashed(
            'idx',
            IDX_ROLES.map((r) => files.value[r]),
          )
        : files;
    }
    case 'url': {
      const declared = IDX_ROLES.map((r) => source.sha256?.[r]?.toLowerCase());
      // A download is checked against its declared sha256, so the checksums say what the bytes are.
      if (declared.every((d) => d !== undefined)) return ok(`url;sha256=${combineHashes(declared as string[])}`);
      if (!opts.download) {
        const urls = resolveIdxUrls(source);
        if (!urls.ok) return urls;
        const cached = await findIdxFiles(downloadFolder(cacheDir, urls.value));
        return cached.ok
          ? hashed(
              'url',
              IDX_ROLES.map((r) => (cached.value as IdxFilePaths)[r]),
            )
          : ok(undefined);
      }
      const downloaded = await downloadIdxFiles(source, cacheDir, opts.downloadOptions);
      return downloaded.ok
        ? hashed(
            'url',
            IDX_ROLES.map((r) => downloaded.value.paths[r]),
          )
        : downloaded;
    }
    default: {
      const unknown: never = source;
      return fail(`unknown data source ${JSON.stringify((unknown as { source?: unknown }).source)}`);
    }
  }
}
