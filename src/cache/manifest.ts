/**
 * A stage cache entry's manifest and the check of an entry against it. The cache folder is shared
 * (every member of a team can write to it), so an entry is served only when it is exactly its
 * manifest: the manifest's own checksum holds, every file it lists is there with its size and
 * sha256, and there is nothing else — no unlisted file, no symlink, device or pipe — and no path
 * it names leaves the entry.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256OfFile } from '../util/file-hash.js';
import { inside, isStageName, UnsafePathError } from '../util/safe-path.js';
import type { ImageSet } from '../types/stage-values.js';

/** A stage's recorded epoch metrics, replayed into a run that reuses the stage. */
export interface EpochRecord {
  readonly epoch: number;
  readonly epochs: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** A file or folder a stage wrote, relative to its stage folder. */
export interface ArtifactRecord {
  readonly path: string;
  readonly description: string;
}

export interface StoredImages {
  readonly kind: 'images';
  readonly flat: boolean;
  readonly identity: string;
  readonly train: Omit<ImageSet, 'images' | 'labels'>;
  readonly test: Omit<ImageSet, 'images' | 'labels'>;
  readonly validation?: Omit<ImageSet, 'images' | 'labels'>;
}

/** Size and sha256 of one file of an entry, as stored: what a read checks the file against. */
interface FileRecord {
  readonly size: number;
  readonly sha256: string;
}

export const MANIFEST = 'manifest.json';
/** The manifest's layout; an entry of another format is evicted like a corrupt one. */
const FORMAT = 2;
/** The manifest's own checksum field: a manifest that still parses but lost or changed bytes is caught too. */
const MANIFEST_SUM = 'manifest_sha256';
/** The folder of an entry that holds the stage folder's files. */
export const ARTIFACTS = 'artifacts';

export interface Manifest {
  readonly format: typeof FORMAT;
  readonly fingerprint: string;
  readonly stage: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly epochs: readonly EpochRecord[];
  readonly artifacts: readonly ArtifactRecord[];
  readonly seconds: number;
  readonly outputs: Readonly<Record<string, StoredImages | { readonly kind: 'model'; readonly model: string }>>;
  readonly created: string;
  /** Every file of the entry but the manifest, by path relative to the entry. */
  readonly files: Readonly<Record<string, FileRecord>>;
}

export type ManifestBody = Omit<Manifest, 'format' | 'files'>;

/** The manifest of the entry being built in `dir`: `body` and the size and sha256 of every regular file there. */
export async function manifestFor(dir: string, body: ManifestBody): Promise<string> {
  const manifest: Manifest = { format: FORMAT, ...body, files: await recordFiles(dir) };
  return withChecksum(manifest);
}

/** Size and sha256 of every file under `dir`, by relative path with `/` separators. */
async function recordFiles(dir: string): Promise<Record<string, FileRecord>> {
  const out: Record<string, FileRecord> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
  for (const rel of files.sort()) {
    const full = path.join(dir, rel);
    out[rel.split(path.sep).join('/')] = { size: (await stat(full)).size, sha256: await sha256OfFile(full) };
  }
  return out;
}

/** The manifest as JSON with a sha256 of the rest of it as its last field. */
function withChecksum(manifest: Manifest): string {
  const body = JSON.stringify(manifest);
  const sum = createHash('sha256').update(body).digest('hex');
  return `${JSON.stringify({ ...manifest, [MANIFEST_SUM]: sum }, null, 2)}\n`;
}

export type Verified =
  { readonly ok: true; readonly manifest: Manifest } | { readonly ok: false; readonly problem: string };

/** A path a manifest names, relative with `/`: undefined unless it stays inside its folder. */
function safeRelative(rel: unknown): string | undefined {
  if (
    typeof rel !== 'string' ||
    rel === '' ||
    rel.includes('\\') ||
    rel.split('/').some((p) => p === '' || p === '.' || p === '..')
  )
    return undefined;
  try {
    inside('/entry', rel);
    return rel;
  } catch (e) {
    if (e instanceof UnsafePathError) return undefined;
    throw e;
  }
}

/** What in the manifest's own content could lead outside the entry or the stage folder. */
function unsafeField(manifest: Manifest): string | undefined {
  if (!isStageName(manifest.stage)) return `its stage name ${JSON.stringify(manifest.stage)} is not a stage name`;
  if (!manifest.files || typeof manifest.files !== 'object') return 'it lists no files';
  for (const rel of Object.keys(manifest.files))
    if (!safeRelative(rel)) return `it lists the file ${JSON.stringify(rel)}, which is not a path inside the entry`;
  for (const name of Object.keys(manifest.outputs ?? {}))
    if (!isStageName(name)) return `it names the output ${JSON.stringify(name)}, which is not an output name`;
  for (const a of manifest.artifacts ?? [])
    if (!safeRelative(a?.path))
      return `it names the artifact ${JSON.stringify(a?.path)}, which is not a path inside the stage folder`;
  return undefined;
}

/**
 * Checks an entry against its manifest: the entry is a real folder, the manifest's own checksum
 * holds, the names it holds stay inside, the entry holds exactly the listed files (regular files,
 * nothing else), then every file's size (cheap, catches truncation) and sha256 (catches a file
 * overwritten in place). The first problem found is the answer.
 */
export async function verifyEntry(dir: string, fingerprint: string): Promise<Verified> {
  const self = await lstat(dir).catch(() => undefined);
  if (!self?.isDirectory()) return { ok: false, problem: 'it is not a folder (a symlink or a file)' };
  let text: string;
  try {
    const file = await lstat(path.join(dir, MANIFEST));
    if (!file.isFile()) return { ok: false, problem: `${path.join(dir, MANIFEST)} is not a regular file` };
    text = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    return { ok: false, problem: `it has no ${MANIFEST}` };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, problem: `${path.join(dir, MANIFEST)} is not valid JSON (${(e as Error).message})` };
  }
  const { [MANIFEST_SUM]: sum, ...rest } = parsed ?? {};
  if (parsed?.format !== FORMAT || typeof sum !== 'string')
    return { ok: false, problem: `${path.join(dir, MANIFEST)} was written by another version of aelab` };
  if (createHash('sha256').update(JSON.stringify(rest)).digest('hex') !== sum)
    return { ok: false, problem: `${path.join(dir, MANIFEST)} does not match its own checksum` };
  const manifest = rest as unknown as Manifest;
  if (manifest.fingerprint !== fingerprint)
    return { ok: false, problem: `${path.join(dir, MANIFEST)} is for ${manifest.fingerprint}` };
  const unsafe = unsafeField(manifest);
  if (unsafe) return { ok: false, problem: `${path.join(dir, MANIFEST)}: ${unsafe}` };
  const extra = await unlisted(dir, manifest);
  if (extra) return { ok: false, problem: extra };
  const files = Object.entries(manifest.files);
  for (const [rel, record] of files) {
    const size = (await stat(path.join(dir, rel)).catch(() => undefined))?.size;
    if (size === undefined) return { ok: false, problem: `${path.join(dir, rel)} is missing` };
    if (size !== record.size)
      return { ok: false, problem: `${path.join(dir, rel)} has ${size} bytes, ${record.size} were stored` };
  }
  for (const [rel, record] of files) {
    if ((await sha256OfFile(path.join(dir, rel))) !== record.sha256)
      return {
        ok: false,
        problem: `${path.join(dir, rel)} does not hold the bytes that were stored (its sha256 differs)`,
      };
  }
  return { ok: true, manifest };
}

/** The first thing in the entry that is not a folder or a listed regular file, said in words. */
async function unlisted(dir: string, manifest: Manifest): Promise<string | undefined> {
  // withFileTypes describes each entry itself (lstat): a symlink is a symlink, never its target.
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const full = path.join(e.parentPath ?? e.path, e.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (!e.isFile()) return `${full} is not a regular file (a symlink, a device or a pipe); an entry holds only files`;
    if (rel !== MANIFEST && !Object.hasOwn(manifest.files, rel)) return `${full} is not listed in its manifest`;
  }
  return undefined;
}
