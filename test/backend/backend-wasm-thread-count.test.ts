import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explicitWasmThreads, MAX_WASM_THREADS, THREADS_ENV, wasmThreadsFor } from '../../src/backend/threads.js';
import { selectBackend } from '../../src/backend/select.js';

test('trials running at once divide the cores for their wasm threads, and an explicit count wins', () => {
  assert.equal(wasmThreadsFor(2, 1), 2, 'a single run gets every core');
  assert.equal(wasmThreadsFor(2, 2), 1, 'two trials at once on 2 cores: one thread each');
  assert.equal(wasmThreadsFor(8, 3), 2);
  assert.equal(wasmThreadsFor(2, 4), 1, 'never fewer than one');
  assert.equal(wasmThreadsFor(64, 1), MAX_WASM_THREADS, "never more than tfjs' pool holds");
  assert.equal(wasmThreadsFor(2, 2, 2), 2, 'an explicit setting wins');
});

test(`${THREADS_ENV} takes a whole number from 1 to 8 and anything else is an error that says so`, async () => {
  assert.deepEqual(explicitWasmThreads({}), { ok: true, value: undefined });
  assert.deepEqual(explicitWasmThreads({ [THREADS_ENV]: '' }), { ok: true, value: undefined });
  assert.deepEqual(explicitWasmThreads({ [THREADS_ENV]: '3' }), { ok: true, value: 3 });
  for (const bad of ['0', '9', '1.5', 'two', '-1']) {
    const r = explicitWasmThreads({ [THREADS_ENV]: bad });
    assert.equal(r.ok, false, bad);
    assert.equal(r.ok ? '' : r.error, `${THREADS_ENV} must be a whole number from 1 to 8, got '${bad}'`);
  }
  // selectBackend reports it instead of picking a backend.
  process.env[THREADS_ENV] = 'lots';
  try {
    const r = await selectBackend('cpu');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /AELAB_WASM_THREADS must be a whole number from 1 to 8, got 'lots'/);
  } finally {
    delete process.env[THREADS_ENV];
  }
});
