import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from '../support/test-runner.js';

test('npm test ends with one line naming the missing packages of the skipped tests and the command that brings them', async () => {
  // Hidden, these three packages are missing as far as the tests can tell.
  const r = await runTests(
    [
      'dist/test/data/data-fashion.test.js',
      'dist/test/run/queue/queue-redis-restart.test.js',
      'dist/test/report/report-browser.test.js',
    ],
    { AELAB_TEST_WITHOUT: 'redis-server dataset-fashion-mnist chromium' },
  );
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /^# skipped 6$/m);
  const lines = r.output.trimEnd().split('\n');
  assert.equal(
    lines.at(-1),
    'npm test: 6 tests skipped: 3 need chromium, 2 dataset-fashion-mnist, 1 redis-server; ' +
      'to run them: apt-get install chromium dataset-fashion-mnist redis-server',
  );
  // Each skip says why, in the runner's own output.
  assert.match(r.output, /# SKIP redis-server is hidden by AELAB_TEST_WITHOUT \(apt-get install redis-server\)/);
});
