import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/cli.js';

type Layers = Record<string, readonly string[] | null>;

/** The "folder | may import" table of README's Development section, as the lint config spells it. */
function readmeLayers(): Layers {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('| folder | may import |');
  assert.ok(start >= 0, 'README has the layering table');
  const rows = readme.slice(start).split('\n\n')[0]!.split('\n').slice(2);
  const layers: Layers = {};
  for (const row of rows) {
    const [folders, imports] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    const allowed = imports!.startsWith('nothing')
      ? []
      : imports!.startsWith('anything')
        ? null
        : imports!
            .replace(/\([^)]*\)/g, '')
            .split(';')[0]!
            .split(',')
            .map((name) => name.trim());
    for (const [, folder] of folders!.matchAll(/`src\/([^`/]+)`/g)) layers[folder!] = allowed;
  }
  return layers;
}

test("README's layering table names the same folders and imports as .dependency-cruiser.js", async () => {
  const config = (await import(pathToFileURL(path.join(ROOT, '.dependency-cruiser.js')).href)) as { layers: Layers };
  const sorted = (layers: Layers) =>
    Object.fromEntries(
      Object.entries(layers)
        .map(([folder, allowed]) => [folder, allowed && [...allowed].sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  assert.deepEqual(sorted(readmeLayers()), sorted(config.layers));
});
