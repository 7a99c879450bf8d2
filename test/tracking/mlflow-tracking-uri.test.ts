// Which MLflow server to talk to: CLI flag, then the experiment file, then MLFLOW_TRACKING_URI.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { resolveTrackingUri } from '../../src/tracking/mlflow/index.js';

const env = { MLFLOW_TRACKING_URI: 'http://env-host:5000' };

describe('resolveTrackingUri', () => {
  test('prefers the CLI flag over the config file and the environment', () => {
    assert.deepEqual(resolveTrackingUri('http://config-host:5000', 'http://cli-host:5000', env), {
      ok: true,
      value: { uri: 'http://cli-host:5000', source: 'cli' },
    });
  });

  test('prefers the config file over the environment', () => {
    assert.deepEqual(resolveTrackingUri('http://config-host:5000/', undefined, env), {
      ok: true,
      value: { uri: 'http://config-host:5000', source: 'config' },
    });
  });

  test('falls back to MLFLOW_TRACKING_URI, treating blank values as unset', () => {
    assert.deepEqual(resolveTrackingUri('  ', '', env), {
      ok: true,
      value: { uri: 'http://env-host:5000', source: 'env' },
    });
  });

  test('returns null when no tracking URI is configured anywhere', () => {
    assert.deepEqual(resolveTrackingUri(undefined, undefined, {}), { ok: true, value: null });
  });

  test('keeps a path prefix of a server behind a reverse proxy', () => {
    const r = resolveTrackingUri('https://example.org/mlflow/', undefined, {});
    assert.ok(r.ok && r.value?.uri === 'https://example.org/mlflow');
  });

  test('rejects a file: store with a message that says a tracking server is needed', () => {
    const r = resolveTrackingUri(undefined, undefined, { MLFLOW_TRACKING_URI: 'file:./mlruns' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'bad-uri');
      assert.match(r.error.message, /uses 'file:'.*over http\(s\)/);
    }
  });

  test('rejects text that is not a URL', () => {
    const r = resolveTrackingUri('127.0.0.1:5000', undefined, {});
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, /not a valid URL; expected e\.g\. http:\/\/127\.0\.0\.1:5000/);
  });
});
