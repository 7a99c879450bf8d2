import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../support/cli.js';
import { runTests } from '../support/test-runner.js';

let tmp = '';
after(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined));

test(
  'two test files that both start MLflow, run at once where its virtualenv is missing, both pass: npm test installs it once before either starts',
  { timeout: 30 * 60_000 },
  async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'aelab-venv-'));
    const venv = path.join(tmp, 'venv');
    // cli-ui links the virtualenv into its project; the harness test starts a server from it.
    const files = ['dist/test/cli/cli-ui.test.js', 'dist/test/tracking/mlflow-server-harness.test.js'];
    const r = await runTests(files, { AELAB_VENV: venv });
    assert.equal(r.code, 0, r.output.slice(-4000));
    const installs = r.output.split('\n').filter((l) => l.startsWith('npm test: installing MLflow'));
    assert.deepEqual(installs, [
      `npm test: installing MLflow into ${venv} for the tracking tests (once; a few minutes)`,
    ]);
    // The install came before the first test started.
    assert.ok(r.output.indexOf(installs[0]!) < r.output.indexOf('# Subtest:'), r.output.slice(0, 2000));
    assert.match(r.output, /^# pass 2$/m);
    assert.match(r.output, /^# fail 0$/m);
    assert.ok(existsSync(path.join(venv, 'bin', 'mlflow')));
    // The repository's own virtualenv was not what they used.
    assert.notEqual(path.resolve(venv), path.resolve(ROOT, '.venv'));
  },
);
