import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pLimit from 'p-limit';
import { copyToTemp, listTree, ROOT, runCli, type CliResult } from '../support/cli.js';

/**
 * The corpus of invalid experiments: each test/fixtures/invalid/NAME.yaml has beside it
 * NAME.expected, the exact text `aelab validate NAME.yaml` prints (run in the fixtures folder, so
 * paths are relative). Every file must fail with exit code 1 and leave no trace.
 *
 * UPDATE_EXPECTED=1 rewrites the .expected files from the current output; read the diff by eye.
 */
const FIXTURES = path.join(ROOT, 'test/fixtures/invalid');
const update = process.env.UPDATE_EXPECTED === '1';

const names = (await readdir(FIXTURES))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

let work: string;
let treeBefore: string[];
const results = new Map<string, Promise<CliResult>>();

before(async () => {
  work = await copyToTemp(FIXTURES, 'aelab-corpus-');
  treeBefore = await listTree(work);
  // Real processes, two at a time: the machine is shared.
  const limit = pLimit(2);
  for (const name of names)
    results.set(
      name,
      limit(() => runCli(['validate', `${name}.yaml`], work)),
    );
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the corpus of invalid experiment files', () => {
  test('has at least 60 cases, each with its expected output', () => {
    assert.ok(names.length >= 60, `only ${names.length} cases`);
    if (!update)
      for (const name of names)
        assert.ok(existsSync(path.join(FIXTURES, `${name}.expected`)), `${name}.expected is missing`);
  });

  for (const name of names) {
    test(`reports ${name}.yaml exactly as expected, exits 1 and writes nothing`, async () => {
      const result = await results.get(name)!;
      const expectedFile = path.join(FIXTURES, `${name}.expected`);
      if (update) await writeFile(expectedFile, result.stderr);
      assert.equal(result.stderr, await readFile(expectedFile, 'utf8'));
      assert.equal(result.stdout, '', 'validate prints human output on stderr only');
      assert.equal(result.code, 1);
      assert.ok(!existsSync(path.join(work, 'runs')), 'a runs/ folder appeared');
    });
  }

  test('leaves the folder it ran in exactly as it found it', async () => {
    await Promise.all(results.values());
    assert.deepEqual(await listTree(work), treeBefore);
  });
});

describe('aelab run on invalid files', () => {
  for (const name of ['key-typo-latent', 'ref-cycle-three', 'sweep-key-typo', 'yaml-alias-bomb']) {
    test(`refuses ${name}.yaml before training and creates no run folder`, async () => {
      const result = await runCli(['run', `${name}.yaml`, '--runs', 'runs'], work);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /nothing was run/);
      assert.ok(!existsSync(path.join(work, 'runs')), 'a runs/ folder appeared');
    });
  }
});
