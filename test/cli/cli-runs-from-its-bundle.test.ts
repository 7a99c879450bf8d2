import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../support/cli.js';

// A copy of the build whose bundle says when it runs; everything else is the build as it is.
let copy = '';
const MARK = 'aelab-test: the bundle runs';

before(async () => {
  copy = await mkdtemp(path.join(tmpdir(), 'aelab-bundle-'));
  await cp(path.join(ROOT, 'dist'), path.join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
  await cp(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
  await symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  await appendFile(path.join(copy, 'dist/bundle/cli.js'), `\nprocess.stderr.write('${MARK}\\n');\n`);
  await writeFile(path.join(copy, 'preload.mjs'), '');
  await writeFile(path.join(copy, 'preload.cjs'), '');
});
after(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

function version(nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): { stdout: string; fromBundle: boolean } {
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(copy, 'dist/src/cli/main.js'), '--version'], {
    cwd: copy,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, fromBundle: r.stderr.includes(MARK) };
}

test('aelab runs from its bundle by default, and from its files when code is loaded first or the bundle is older than them', async () => {
  const byDefault = version();
  assert.equal(byDefault.fromBundle, true);
  assert.match(byDefault.stdout, /^\d+\.\d+\.\d+/);

  // Code loaded before aelab (a stage type of one's own) must meet the modules under dist/src.
  const preload = path.join(copy, 'preload.mjs');
  assert.equal(version(['--import', preload]).fromBundle, false);
  assert.equal(version([], { NODE_OPTIONS: `--import=${preload}` }).fromBundle, false);
  assert.equal(version(['--require', path.join(copy, 'preload.cjs')]).fromBundle, false);
  assert.equal(version().stdout, byDefault.stdout);

  // One file the bundle was built from changed after it (tsc run alone): the files run, not stale code.
  const later = new Date(Date.now() + 60_000);
  await utimes(path.join(copy, 'dist/src/util/json.js'), later, later);
  const stale = version();
  assert.equal(stale.fromBundle, false);
  assert.equal(stale.stdout, byDefault.stdout);

  // No record of what it was built from: the files run.
  await utimes(path.join(copy, 'dist/src/util/json.js'), new Date(0), new Date(0));
  assert.equal(version().fromBundle, true);
  await rm(path.join(copy, 'dist/bundle/inputs.json'));
  assert.equal(version().fromBundle, false);
});
