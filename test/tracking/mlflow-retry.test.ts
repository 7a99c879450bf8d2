// Transient failures: nothing listening, and a server that goes away and comes back.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { freePort, startMlflowServer } from '../support/mlflow-server.js';

/** A port nobody listens on: bound by us, then released. */
describe('MLflow client retries', () => {
  test('returns a not-reachable error after backing off between each of its retries', async () => {
    const port = await freePort();
    const delays: number[] = [];
    const client = new MlflowClient({
      uri: `http://127.0.0.1:${port}`,
      env: {},
      retries: 3,
      retry: { baseDelayMs: 100, maxDelayMs: 300, random: () => 0.5, sleep: async (ms) => void delays.push(ms) },
    });
    const r = await client.getOrCreateExperiment('anything');
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'unreachable');
    assert.ok(r.error.kind === 'unreachable' && r.error.attempts === 4);
    assert.match(
      r.error.message,
      new RegExp(`^MLflow at http://127\\.0\\.0\\.1:${port} is not reachable: .*ECONNREFUSED`),
    );
    // Exponential, jittered (random() = 0.5 halves each ceiling), and capped at maxDelayMs.
    assert.deepEqual(delays, [50, 100, 150]);
  });

  test('keeps retrying while the server is down and succeeds once it is back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-mlflow-restart-'));
    try {
      const first = await startMlflowServer({ dir });
      const port = first.port;
      const setup = new MlflowClient({ uri: first.uri, env: {} });
      const created = await setup.getOrCreateExperiment('survives-restart');
      assert.ok(created.ok);
      await first.stop();

      let failures = 0;
      const client = new MlflowClient({
        uri: first.uri,
        env: {},
        // Generous: a start takes seconds, far more under load.
        retries: 600,
        retry: {
          baseDelayMs: 250,
          maxDelayMs: 250,
          sleep: (ms) => {
            failures++;
            return new Promise((resolve) => setTimeout(resolve, ms));
          },
        },
      });
      // The request starts while nothing listens; the server comes back on the same port and db.
      const pending = client.getExperimentByName('survives-restart');
      const second = await startMlflowServer({ dir, port });
      try {
        const found = await pending;
        assert.ok(found.ok, found.ok ? '' : found.error.message);
        assert.equal(found.value?.experimentId, created.value.experimentId);
        assert.ok(failures > 0, 'the request should have failed at least once before the server was back');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
