import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import type { Document } from 'yaml';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { rangeAt } from './locate.js';
import { insideProject, resolveDataPath, type DatasetInfo } from './semantic.js';
import { isObject } from '../util/json.js';

/**
 * Looks at the files an `idx` data set names, reading only their headers (16 bytes, or the
 * first compressed block of a .gz), so that a wrong folder or a `train:` larger than the file
 * is found by `validate` rather than after the first stages have trained.
 */

const SPLITS = { train: 'train-images-idx3-ubyte', test: 't10k-images-idx3-ubyte' } as const;
const LABELS = { train: 'train-labels-idx1-ubyte', test: 't10k-labels-idx1-ubyte' } as const;
const IMAGES_MAGIC = 0x00000803;

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(file.endsWith('.gz') ? 4096 : 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    // A partial gzip stream inflates as far as it goes when not asked to finish.
    return file.endsWith('.gz') ? gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 16) : head;
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The first of `name`, `name.gz` that exists. */
async function findFile(folder: string, name: string): Promise<string | undefined> {
  for (const candidate of [name, `${name}.gz`])
    if (await exists(path.join(folder, candidate))) return path.join(folder, candidate);
  return undefined;
}

export async function inspectDataFiles(
  data: unknown,
  ctx: { doc: Document; file: string; projectDir: string },
): Promise<{ datasets: Map<string, DatasetInfo>; diagnostics: Diagnostic[] }> {
  const datasets = new Map<string, DatasetInfo>();
  const diagnostics: Diagnostic[] = [];
  if (!isObject(data) || !isObject(data.data)) return { datasets, diagnostics };
  for (const [name, source] of Object.entries(data.data)) {
    if (!isObject(source) || source.source !== 'idx' || typeof source.path !== 'string' || source.path === '') continue;
    if (!path.isAbsolute(source.path) && !insideProject(ctx, source.path)) continue; // semantic.ts says why
    const at = { file: ctx.file, range: rangeAt(ctx.doc, ['data', name, 'path']) };
    const folder = resolveDataPath(ctx.file, source.path);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) {
      const where = path.isAbsolute(source.path) ? '' : ' (paths are relative to the experiment file)';
      diagnostics.push(
        error(
          `data set \`${name}\`: \`${source.path}\` ${info ? 'is a file, not a folder' : 'does not exist'}${where}`,
          at,
        ),
      );
      continue;
    }
    const found: Partial<Record<'train' | 'test', { n: number; shape: number[] }>> = {};
    const missing: string[] = [];
    for (const split of ['train', 'test'] as const) {
      const images = await findFile(folder, SPLITS[split]);
      if (!images) missing.push(`${SPLITS[split]}(.gz)`);
      if (!(await findFile(folder, LABELS[split]))) missing.push(`${LABELS[split]}(.gz)`);
      if (!images) continue;
      try {
        const head = await readHead(images);
        if (head.length < 16 || head.readUInt32BE(0) !== IMAGES_MAGIC) {
          diagnostics.push(
            error(`data set \`${name}\`: ${path.basename(images)} is not an IDX image file (wrong magic number)`, at),
          );
          continue;
        }
        found[split] = { n: head.readUInt32BE(4), shape: [head.readUInt32BE(8), head.readUInt32BE(12), 1] };
      } catch (e) {
        diagnostics.push(
          error(
            `data set \`${name}\`: ${path.basename(images)} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
            at,
          ),
        );
      }
    }
    if (missing.length) diagnostics.push(error(`data set \`${name}\`: the folder has no ${missing.join(', ')}`, at));
    if (found.train && found.test)
      datasets.set(name, { train: found.train.n, test: found.test.n, shape: found.train.shape });
  }
  return { datasets, diagnostics };
}
