#!/usr/bin/env node
/**
 * Where `aelab` starts. The CLI itself is cli.ts. `npm run build` also bundles it, with every module
 * it loads at start, into dist/bundle/ (scripts/bundle-cli.mjs): Node's ESM loader takes longer to
 * find and link aelab's start-up modules one by one than a cached rerun takes to run
 * (docs/performance.md, "The bundled CLI"). The bundle is the same code; the files run instead when
 * - code is loaded before aelab (`node --import`, `--require`, `--loader`, directly or through
 *   NODE_OPTIONS): such code, a stage type registered with registerStageType, talks to the
 *   modules under dist/src/, which the bundle's own copies would not see;
 * - the bundle is missing, or a file it was built from is newer than it (tsc run alone): stale
 *   code must never run, a slower start is only slower.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUNDLE = new URL('../../bundle/', import.meta.url);

const PRELOAD_FLAG = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;

function codeLoadedFirst(): boolean {
  const fromEnv = (process.env.NODE_OPTIONS ?? '').split(/\s+/);
  return [...process.execArgv, ...fromEnv].some((arg) => PRELOAD_FLAG.test(arg));
}

/** Whether dist/bundle/ exists and nothing it was built from changed after it (its inputs.json). */
function bundleIsCurrent(): boolean {
  try {
    const inputsFile = new URL('inputs.json', BUNDLE);
    const built = statSync(new URL('cli.js', BUNDLE)).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as unknown;
    if (!Array.isArray(inputs)) return false;
    const root = fileURLToPath(new URL('../', BUNDLE));
    return inputs.every((file) => typeof file === 'string' && statSync(root + file).mtimeMs <= built);
  } catch {
    return false;
  }
}

await import(!codeLoadedFirst() && bundleIsCurrent() ? new URL('cli.js', BUNDLE).href : './cli.js');
