import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runTests } from '../support/test-runner.js';

let tmp = '';
after(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined));

test("npm test's runner keeps node's closing counts as they are and fails exactly when node's runner fails", async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'aelab-runner-'));
  const failing = path.join(tmp, 'failing.test.mjs');
  const passing = path.join(tmp, 'passing.test.mjs');
  await writeFile(
    failing,
    "import { test } from 'node:test';\nimport assert from 'node:assert';\ntest('one is two', () => assert.equal(1, 2));\n",
  );
  await writeFile(passing, "import { test } from 'node:test';\ntest('one is one', () => {});\n");

  const bad = await runTests([failing, passing], {});
  assert.equal(bad.code, 1, bad.output);
  const closing = ['# tests 2', '# suites 0', '# pass 1', '# fail 1', '# cancelled 0', '# skipped 0', '# todo 0'];
  const lines = bad.output.trimEnd().split('\n');
  // Node's closing lines, unchanged and in their order, then duration, then the runner's one line.
  assert.deepEqual(lines.slice(-9, -2), closing);
  assert.match(lines.at(-2)!, /^# duration_ms [\d.]+$/);
  assert.equal(lines.at(-1), 'npm test: no test was skipped');

  const good = await runTests([passing], {});
  assert.equal(good.code, 0, good.output);
  assert.match(good.output, /^# fail 0$/m);
});
