import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/cli.js';

/**
 * Plants small trees of files in a temp folder and runs the import check that `npm run lint` runs
 * (dependency-cruiser with the project's .dependency-cruiser.js) on them, so the rules are shown
 * to bite without linting the whole repository.
 */

const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.js');

interface Check {
  readonly code: number | null;
  readonly output: string;
}

async function checkTree(files: Readonly<Record<string, string>>): Promise<Check> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aelab-lint-'));
  try {
    await copyFile(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    const roots = [...new Set(Object.keys(files).map((name) => name.split('/')[0]!))];
    return await new Promise<Check>((resolve, reject) => {
      const child = spawn(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', ...roots], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The names of the rules the check reported, each once. */
const rulesIn = (output: string): string[] =>
  [...new Set([...output.matchAll(/error ([a-z-]+):/g)].map((m) => m[1]!))].sort();

test('an import cycle between two files fails the lint, naming no-cycle', async () => {
  const result = await checkTree({
    'src/util/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n",
    'src/util/b.ts': "import { a } from './a.js';\nexport const b = () => a();\n",
  });
  assert.notEqual(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), ['no-cycle'], result.output);
  assert.match(result.output, /src\/util\/a\.ts/);
  assert.match(result.output, /src\/util\/b\.ts/);
});

test('src/run importing src/tracking fails the lint, naming layer-run', async () => {
  const result = await checkTree({
    'src/tracking/y.ts': 'export const y = 1;\n',
    'src/run/x.ts': "import { y } from '../tracking/y.js';\nexport const x = y;\n",
  });
  assert.notEqual(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), ['layer-run'], result.output);
  assert.match(result.output, /layer-run: src\/run\/x\.ts → src\/tracking\/y\.ts/);
});

test('a type-only import from src/stages up into src/run fails the lint, naming layer-stages', async () => {
  const result = await checkTree({
    'src/run/y.ts': 'export type Emit = (event: string) => void;\n',
    'src/stages/x.ts': "import type { Emit } from '../run/y.js';\nexport const x = (emit: Emit) => emit('x');\n",
  });
  assert.notEqual(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), ['layer-stages'], result.output);
  assert.match(result.output, /layer-stages: src\/stages\/x\.ts → src\/run\/y\.ts/);
});

test('two folders importing each other through different files fail the lint, naming no-folder-cycle', async () => {
  const result = await checkTree({
    'src/run/a.ts': "import { b } from '../stages/b.js';\nexport const a = b;\n",
    'src/run/d.ts': 'export const d = 1;\n',
    'src/stages/b.ts': 'export const b = 1;\n',
    'src/stages/c.ts': "import { d } from '../run/d.js';\nexport const c = d;\n",
  });
  assert.notEqual(result.code, 0, result.output);
  // No file is in a cycle; the folders are, and stages -> run is also an upward import.
  assert.deepEqual(rulesIn(result.output), ['layer-stages', 'no-folder-cycle'], result.output);
});

test('bench importing test/ fails the lint, naming bench-not-to-test', async () => {
  const result = await checkTree({
    'test/support/y.ts': 'export const y = 1;\n',
    'bench/x.ts': "import { y } from '../test/support/y.js';\nexport const x = y;\n",
  });
  assert.notEqual(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), ['bench-not-to-test'], result.output);
});

test('a file outside the layered folders of src/ fails the lint, naming layer-unknown-folder', async () => {
  const result = await checkTree({
    'src/helpers/h.ts': "import { u } from '../util/u.js';\nexport const h = u;\n",
    'src/util/u.ts': 'export const u = 1;\n',
    'src/cli/main.ts': "import { h } from '../helpers/h.js';\nexport const main = h;\n",
  });
  assert.notEqual(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), ['layer-unknown-folder'], result.output);
  assert.match(result.output, /layer-unknown-folder: src\/helpers\/h\.ts → src\/util\/u\.ts/);
  assert.match(result.output, /layer-unknown-folder: src\/cli\/main\.ts → src\/helpers\/h\.ts/);
});

test('imports that only go down the layering pass the lint', async () => {
  const result = await checkTree({
    'src/types/values.ts': 'export type Value = number;\n',
    'src/util/u.ts': "import type { Value } from '../types/values.js';\nexport const u = (v: Value) => v;\n",
    'src/config/c.ts': "import { u } from '../util/u.js';\nexport const c = u(1);\n",
    'src/plan/p.ts': "import { c } from '../config/c.js';\nexport const p = c;\n",
    'src/run/x.ts': "import { p } from '../plan/p.js';\nimport { u } from '../util/u.js';\nexport const x = u(p);\n",
    'src/cli/main.ts': "import { x } from '../run/x.js';\nexport const main = () => x;\n",
    'bench/speed.ts': "import { x } from '../src/run/x.js';\nexport const speed = x;\n",
    'test/run.test.ts': "import { main } from '../src/cli/main.js';\nexport const t = main;\n",
  });
  assert.equal(result.code, 0, result.output);
  assert.deepEqual(rulesIn(result.output), []);
  assert.match(result.output, /no dependency violations found/);
});
