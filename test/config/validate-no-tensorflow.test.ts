import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT } from '../support/cli.js';
import { tracedCli } from '../../bench/support/trace-run.js';

const tensorflow = (modules: readonly string[]) => modules.filter((m) => m.includes('@tensorflow'));

test('aelab validate loads no @tensorflow module', () => {
  const { status, modules, stderr } = tracedCli(
    ['validate', 'experiments/seed-mnist-ae.yaml', 'experiments/quickstart.yaml'],
    ROOT,
  );
  assert.equal(status, 0, stderr);
  // The trace must have seen the modules that validate does load, or it proves nothing.
  assert.ok(
    modules.some((m) => m.includes('/node_modules/yaml/')),
    'the module trace recorded nothing',
  );
  assert.ok(modules.some((m) => m.includes('/dist/src/config/load.js')));
  assert.deepEqual(tensorflow(modules), []);
});

test('aelab plan loads no @tensorflow module', () => {
  const { status, modules, stderr } = tracedCli(['plan', 'experiments/seed-mnist-ae.yaml'], ROOT);
  assert.equal(status, 0, stderr);
  assert.ok(
    modules.some((m) => m.includes('/dist/src/plan/plan.js')),
    'the module trace recorded nothing',
  );
  assert.deepEqual(tensorflow(modules), []);
});

test("aelab validate does not load ajv's schema compiler when the precompiled validator is current", () => {
  const { status, modules } = tracedCli(['validate', 'experiments/seed-mnist-ae.yaml'], ROOT);
  assert.equal(status, 0);
  assert.deepEqual(
    modules.filter((m) => /ajv\/dist\/(core|compile\/index)\.js/.test(m)),
    [],
  );
});
