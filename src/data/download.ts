/**
 * Downloads IDX files once into a cache folder. Robust against the usual trouble of big files on
 * real networks: retries with exponential backoff on network errors and 5xx/408/429, resumes a
 * partial `.part` file with an HTTP Range request when the server supports it (206) and restarts
 * otherwise, verifies sha256 when given (a download that does not match is an error and is not
 * kept), and never leaves a half file under the final name (bytes go to `<name>.part`, renamed
 * when complete). A cached file is replaced only by a download that matches: a wrong sha256 in
 * an experiment never costs the good copy already in the cache.
 *
 * Two processes needing the same file at once (a sweep's parallel trials) take turns: the first
 * holds a lock (`<name>.lock`, proper-lockfile: a directory made atomically, refreshed while held,
 * taken over when stale), the others wait for it and then find the file in the cache. Without it
 * both would write the one `.part` file, whose stable name is what lets a later run resume.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { downloadRefusal } from './download-hosts.js';
import { writeFileAtomic } from '../util/atomic.js';
import { sha256OfFile } from '../util/file-hash.js';
import { IDX_FILE_NAMES, IDX_ROLES, type IdxFilePaths, type IdxRole } from './idx.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import { describeError, errorCode } from './errors.js';

export interface DownloadProgress {
  readonly url: string;
  /** Bytes of the file present so far (including a resumed part). */
  readonly received: number;
  /** Size of the whole file when the server said it. */
  readonly total?: number;
}

export interface DownloadOptions {
  /** Attempts after the first one on retryable failures (default 4). */
  readonly retries?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms). */
  readonly backoffMs?: number;
  /** Abort an attempt when no bytes arrive for this long (default 60 s); it is then retried. */
  readonly idleTimeoutMs?: number;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** The file must be an IDX file (gzipped or not); anything else is deleted, never kept or shown. */
  readonly idx?: boolean;
}

export interface DownloadedFile {
  readonly path: string;
  /** True when the file was already in the cache and no request was made. */
  readonly fromCache: boolean;
  /** True when some attempt continued a partial file with a Range request. */
  readonly resumed: boolean;
  readonly bytes: number;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** What one attempt ended with: done, a failure worth retrying, or a final failure. */
type Attempt = { kind: 'done'; resumed: boolean } | { kind: 'retry'; error: string } | { kind: 'fatal'; error: string };

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Parses `bytes start-end/total` (total may be `*`). */
function parseContentRange(value: string | null): { start: number; total?: number } | undefined {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

async function attemptOnce(url: string, part: string, opts: DownloadOptions): Promise<Attempt> {
  const have = (await fileSize(part)) ?? 0;
  const controller = new AbortController();
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  let timer = setTimeout(() => controller.abort(), idleMs);
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    // identity: a server that gzips on the fly would make byte ranges and checksums meaningless.
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (have > 0) headers.range = `bytes=${have}-`;
    let res: Response | undefined;
    // Redirects are followed by hand, so that every host on the way is checked against the allow-list.
    for (let hop = 0, target = url; ; hop++) {
      const refused = await downloadRefusal(target);
      if (refused) return { kind: 'fatal', error: refused };
      try {
        res = await fetch(target, { headers, signal: controller.signal, redirect: 'manual' });
      } catch (e) {
        return {
          kind: 'retry',
          error: controller.signal.aborted ? `no response within ${idleMs} ms` : networkMessage(e),
        };
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status > 399 || location === null) break;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) return { kind: 'fatal', error: `more than ${MAX_REDIRECTS} redirects` };
      target = new URL(location, target).href;
    }

    let append = false;
    let total: number | undefined;
    if (res.status === 206 && have > 0) {
      const range = parseContentRange(res.headers.get('content-range'));
      if (!range || range.start !== have) {
        await res.body?.cancel();
        await rm(part, { force: true });
        return {
          kind: 'retry',
          error: `the server answered a range request with an unexpected range (${res.headers.get('content-range')})`,
        };
      }
      append = true;
      total = range.total;
    } else if (res.status === 200) {
      const len = res.headers.get('content-length');
      total = len !== null ? Number(len) : undefined;
    } else if (res.status === 416 && have > 0) {
      // The part is not a prefix the server can continue (e.g. the file changed): start over.
      await res.body?.cancel();
      await rm(part, { force: true });
      return { kind: 'retry', error: 'the server could not resume the partial file (HTTP 416)' };
    } else {
      await res.body?.cancel();
      const error = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      return isRetryableStatus(res.status) ? { kind: 'retry', error } : { kind: 'fatal', error };
    }

    const fh = await open(part, append ? 'a' : 'w');
    let received = append ? have : 0;
    try {
      if (res.body) {
        for await (const chunk of res.body) {
          touch();
          await fh.write(chunk);
          received += chunk.length;
          opts.onProgress?.({ url, received, total });
        }
      }
    } catch (e) {
      // The partial bytes stay in `.part` so the next attempt can resume from them.
      return {
        kind: 'retry',
        error: controller.signal.aborted
          ? `no data for ${idleMs} ms`
          : `connection lost after ${received} bytes (${networkMessage(e)})`,
      };
    } finally {
      await fh.close();
    }
    if (total !== undefined && received !== total) {
      return { kind: 'retry', error: `received ${received} of ${total} bytes` };
    }
    return { kind: 'done', resumed: append };
  } finally {
    clearTimeout(timer);
  }
}

const MAX_REDIRECTS = 5;

/**
 * Whether a file starts as an IDX file does (two zero bytes, a type code, 1-4 dimensions), gzipped
 * or not. What it holds otherwise is never shown: it may be anything a server answered.
 */
async function looksLikeIdx(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // The first bytes of the gzipped stream are enough; a cut stream still gives them.
    const start = await new Promise<Buffer>((resolve) => {
      const gunzip = createGunzip();
      const chunks: Buffer[] = [];
      gunzip.on('data', (c: Buffer) => chunks.push(c));
      gunzip.on('error', () => resolve(Buffer.concat(chunks)));
      gunzip.on('end', () => resolve(Buffer.concat(chunks)));
      gunzip.end(head);
    });
    head = start;
  }
  return (
    head.length >= 4 &&
    head[0] === 0 &&
    head[1] === 0 &&
    head[2]! >= 0x08 &&
    head[2]! <= 0x0e &&
    head[3]! >= 1 &&
    head[3]! <= 4
  );
}

/** fetch wraps network errors as "fetch failed" with the useful part in `cause`. */
function networkMessage(e: unknown): string {
  const cause = e instanceof Error && e.cause ? `: ${describeError(e.cause)}` : '';
  return `${describeError(e)}${cause}`;
}

/**
 * Downloads `url` to `dest` unless `dest` is already there (and matches `sha256` when given; a
 * cached file that does not match is fetched again, and replaced only if the new bytes match).
 */
export async function downloadFile(
  url: string,
  dest: string,
  opts: DownloadOptions & { readonly sha256?: string } = {},
): Promise<Result<DownloadedFile>> {
  const expected = opts.sha256?.toLowerCase();
  if (expected !== undefined && !SHA256_RE.test(expected))
    return fail(`${url}: sha256 must be 64 hex digits, got "${opts.sha256}"`);
  try {
    await mkdir(path.dirname(dest), { recursive: true });
  } catch (e) {
    return fail(`${url}: cannot store the download under ${dest} (${describeError(e)})`);
  }
  let release: () => Promise<void>;
  try {
    // Loaded here, not at the top: planning a run whose data is at hand takes no lock.
    const { default: lockfile } = await import('proper-lockfile');
    release = await lockfile.lock(dest, {
      realpath: false, // dest does not exist yet
      stale: LOCK_STALE_MS,
      // Another process is downloading: wait for it (a data set can take minutes).
      retries: { retries: Math.ceil(LOCK_WAIT_MS / 1000), factor: 1.2, minTimeout: 100, maxTimeout: 1000 },
    });
  } catch (e) {
    return fail(`${url}: could not take the download lock ${dest}.lock (${describeError(e)})`);
  }
  try {
    return await downloadUnlocked(url, dest, expected, opts);
  } finally {
    await release().catch(() => undefined);
  }
}

/** How long a download lock lives without its holder refreshing it (proper-lockfile's update). */
const LOCK_STALE_MS = 30_000;
/** About how long to wait for another process's download before giving up. */
const LOCK_WAIT_MS = 30 * 60_000;

async function downloadUnlocked(
  url: string,
  dest: string,
  expected: string | undefined,
  opts: DownloadOptions,
): Promise<Result<DownloadedFile>> {
  try {
    const cachedSize = await fileSize(dest);
    let cachedSum: string | undefined;
    if (cachedSize !== undefined) {
      if (expected === undefined) return ok({ path: dest, fromCache: true, resumed: false, bytes: cachedSize });
      cachedSum = await sha256OfFile(dest);
      if (cachedSum === expected) return ok({ path: dest, fromCache: true, resumed: false, bytes: cachedSize });
      // Not what the experiment expects: fetch again, but keep the cached file until a download matches.
    }
    const part = `${dest}.part`;
    const retries = opts.retries ?? 4;
    const backoff = opts.backoffMs ?? 500;
    let resumed = false;
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1));
      const r = await attemptOnce(url, part, opts);
      if (r.kind === 'fatal') return fail(`${url}: ${r.error}`);
      if (r.kind === 'retry') {
        lastError = r.error;
        continue;
      }
      resumed ||= r.resumed;
      if (opts.idx && !(await looksLikeIdx(part))) {
        await rm(part, { force: true });
        return fail(`${url}: the download is not an IDX file (nor a gzipped one); it was not kept`);
      }
      if (expected !== undefined) {
        const actual = await sha256OfFile(part);
        if (actual !== expected) {
          await rm(part, { force: true });
          const same =
            cachedSum === actual
              ? `; the copy already in the cache (${dest}) has the same bytes and was kept: check the sha256 in the experiment`
              : cachedSum !== undefined
                ? `; the copy already in the cache (${dest}) was kept`
                : '';
          return fail(`${url}: sha256 mismatch: expected ${expected}, got ${actual}; the file was not kept${same}`);
        }
      }
      await rename(part, dest);
      return ok({ path: dest, fromCache: false, resumed, bytes: (await fileSize(dest)) ?? 0 });
    }
    return fail(`${url}: download failed after ${retries + 1} attempts: ${lastError}`);
  } catch (e) {
    // File-system trouble in the cache folder (permissions, disk full): not retried.
    return fail(`${url}: cannot store the download under ${dest} (${describeError(e)})`);
  }
}

/** Where an IDX data set lives on the web: a base URL, optionally per-file names/URLs and checksums. */
export interface IdxUrlSpec {
  /** Base URL; the files default to the canonical gzipped names under it. */
  readonly url: string;
  /** Per-file URL or name, resolved against `url` (so "train-images.gz" or "https://..." both work). */
  readonly files?: Partial<Record<IdxRole, string>>;
  /** Expected sha256 (hex) per file; files without one are not checked. */
  readonly sha256?: Partial<Record<IdxRole, string>>;
}

/** The absolute URL of each file, or an error naming the bad one. */
export function resolveIdxUrls(spec: IdxUrlSpec): Result<Readonly<Record<IdxRole, string>>> {
  const base = spec.url.endsWith('/') ? spec.url : `${spec.url}/`;
  const out: Partial<Record<IdxRole, string>> = {};
  for (const role of IDX_ROLES) {
    const ref = spec.files?.[role] ?? `${IDX_FILE_NAMES[role]}.gz`;
    let u: URL;
    try {
      u = new URL(ref, base);
    } catch {
      return fail(`${role}: "${ref}" is not a valid URL (relative to "${spec.url}")`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      return fail(`${role}: ${u.href}: only http and https URLs can be downloaded`);
    out[role] = u.href;
  }
  return ok(out as Record<IdxRole, string>);
}

/** The cache folder of one set of URLs: a short hash, so different sources never share files. */
export function downloadFolder(cacheDir: string, urls: Readonly<Record<IdxRole, string>>): string {
  const key = createHash('sha256')
    .update(IDX_ROLES.map((r) => urls[r]).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return path.join(cacheDir, 'downloads', key);
}

export interface DownloadedIdx {
  readonly paths: IdxFilePaths;
  readonly folder: string;
  readonly urls: Readonly<Record<IdxRole, string>>;
  readonly files: Readonly<Record<IdxRole, DownloadedFile>>;
}

/**
 * Downloads the four files of `spec` into `<cacheDir>/downloads/<hash of the URLs>/`, named as
 * the canonical IDX names (with `.gz` when the URL has it), so the folder is also a valid `idx`
 * source. Reports every failed file at once.
 */
export async function downloadIdxFiles(
  spec: IdxUrlSpec,
  cacheDir: string,
  opts: DownloadOptions = {},
): Promise<Result<DownloadedIdx>> {
  const urls = resolveIdxUrls(spec);
  if (!urls.ok) return urls;
  // Refused hosts are said before anything is made in the cache.
  for (const url of new Set(Object.values(urls.value))) {
    const refused = await downloadRefusal(url);
    if (refused) return fail(`${url}: ${refused}`);
  }
  const folder = downloadFolder(cacheDir, urls.value);
  const results = await Promise.all(
    IDX_ROLES.map((role) => {
      const url = urls.value[role];
      const name = IDX_FILE_NAMES[role] + (new URL(url).pathname.endsWith('.gz') ? '.gz' : '');
      return downloadFile(url, path.join(folder, name), { ...opts, idx: true, sha256: spec.sha256?.[role] });
    }),
  );
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length > 0) return fail(errors.join('\n'));
  const files = Object.fromEntries(
    IDX_ROLES.map((r, i) => [r, (results[i] as { value: DownloadedFile }).value]),
  ) as Record<IdxRole, DownloadedFile>;
  const paths = Object.fromEntries(IDX_ROLES.map((r) => [r, files[r].path])) as Record<IdxRole, string>;
  if (IDX_ROLES.some((r) => !files[r].fromCache)) {
    // A note for people browsing the cache; not read back.
    await writeFileAtomic(
      path.join(folder, 'source.json'),
      Buffer.from(`${JSON.stringify({ urls: urls.value }, null, 2)}\n`),
    ).catch(() => undefined);
  }
  return ok({ paths, folder, urls: urls.value, files });
}
