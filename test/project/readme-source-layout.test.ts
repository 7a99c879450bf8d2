import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/cli.js';

test("README's source-layout table names every folder of src/ and no other", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('| folder | owns |');
  assert.ok(start >= 0, 'README has the source-layout table');
  const rows = readme.slice(start).split('\n\n')[0]!.split('\n').slice(2);
  const named = rows.map((row) => /^\| `src\/([^`/]+)` \|/.exec(row)?.[1]).filter((f): f is string => f !== undefined);
  const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  assert.deepEqual([...named].sort(), [...folders].sort());
});
