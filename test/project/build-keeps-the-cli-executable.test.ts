import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../support/cli.js';

// `npm test` builds first; a build that drops the execute bit broke `npx aelab` after the tests
// ("sh: 1: aelab: Permission denied").
test('after a build, every bin of package.json is executable and runs as a command (`npx aelab` works after `npm test`)', async () => {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.deepEqual(Object.keys(pkg.bin), ['aelab']);
  const main = path.join(ROOT, pkg.bin.aelab!);
  assert.equal(main, path.join(ROOT, 'dist/src/cli/main.js'));
  await access(main, constants.X_OK);
  // Run as a program (its #! line), not through `node`, as npx does.
  const { stdout } = await promisify(execFile)(main, ['--help'], { cwd: ROOT });
  assert.match(stdout, /aelab/);
});
