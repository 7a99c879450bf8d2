// Artifact locations. A tracking server that serves artifacts (the default for `mlflow server`)
// gives runs an artifact_uri `mlflow-artifacts:/<exp>/<run>/artifacts`; files are PUT as raw
// bytes to /api/2.0/mlflow-artifacts/artifacts/<that path>/<relpath> on the same server.
// Other schemes (s3:, gs:, file:, ...) are written by MLflow's Python client directly to the
// store; this client does not do that and says so.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { err, ok, type MlflowResult } from './errors.js';

const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';

/** The server path a file is PUT to: the artifact root's segments encoded, then the checked relative path. */
export function artifactPutPath(root: string, rel: string): string {
  const encodedRoot = root
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
  return `${ARTIFACTS_API}/${encodedRoot}/${rel}`;
}

export interface ArtifactTarget {
  /** Server base to PUT to: the tracking server, or the host named in the URI. */
  readonly base: string;
  /** Path below /api/2.0/mlflow-artifacts/artifacts/, without slashes at either end. */
  readonly root: string;
}

/**
 * `mlflow-artifacts:/1/abc/artifacts` -> the tracking server; `mlflow-artifacts://host:port/1/...`
 * -> that host with the tracking server's scheme (what MLflow's client does).
 */
export function artifactTarget(artifactUri: string, trackingBase: string): MlflowResult<ArtifactTarget> {
  const m = /^mlflow-artifacts:(\/\/([^/]*))?(\/.*)?$/.exec(artifactUri);
  if (!m) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(artifactUri)?.[1] ?? '(none)';
    return err({
      kind: 'unsupported-artifact-uri',
      artifactUri,
      message:
        `run artifacts live at '${artifactUri}' (scheme ${scheme}), which aelab cannot upload to over HTTP; ` +
        'restart the MLflow server with `--serve-artifacts --artifacts-destination DIR` instead of ' +
        '`--default-artifact-root DIR` (and without --no-serve-artifacts), so that new runs get mlflow-artifacts:/ URIs',
    });
  }
  const host = m[2];
  const root = (m[3] ?? '').replace(/^\/+|\/+$/g, '');
  if (!host) return ok({ base: trackingBase, root });
  const scheme = new URL(trackingBase).protocol;
  return ok({ base: `${scheme}//${host}`, root });
}

/**
 * A relative artifact path as URL path segments. Refuses what would escape the run's artifact
 * root or be ambiguous: absolute paths, '..', '.', empty parts. Backslashes are separators too,
 * so a Windows-style path lands in the same place.
 */
export function artifactPath(relPath: string): MlflowResult<string> {
  const parts = relPath.split(/[\\/]/);
  if (relPath === '' || parts.some((p) => p === '' || p === '.' || p === '..')) {
    return err({
      kind: 'invalid-input',
      message: `artifact path ${JSON.stringify(relPath)} must be relative, like 'plots/loss.png', with no empty, '.' or '..' parts`,
    });
  }
  return ok(parts.map(encodeURIComponent).join('/'));
}

export interface LocalFile {
  /** Absolute path on disk. */
  readonly file: string;
  /** Path relative to the walked directory, with '/' separators. */
  readonly rel: string;
}

/** Every regular file under `dir`, sorted, so uploads happen in a stable order. */
export async function listFiles(dir: string): Promise<MlflowResult<LocalFile[]>> {
  const out: LocalFile[] = [];
  const walk = async (abs: string, rel: string): Promise<string | undefined> => {
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      return `cannot read directory ${abs}: ${(e as Error).message}`;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const childAbs = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        const problem = await walk(childAbs, childRel);
        if (problem) return problem;
      } else if (entry.isFile()) {
        out.push({ file: childAbs, rel: childRel });
      }
      // Symlinks, sockets and the like are skipped: a run's outputs are plain files.
    }
    return undefined;
  };
  const problem = await walk(dir, '');
  return problem ? err({ kind: 'local-io', message: problem }) : ok(out);
}

export async function readLocal(file: string): Promise<MlflowResult<Buffer>> {
  try {
    return ok(await readFile(file));
  } catch (e) {
    return err({ kind: 'local-io', message: `cannot read ${file}: ${(e as Error).message}` });
  }
}
