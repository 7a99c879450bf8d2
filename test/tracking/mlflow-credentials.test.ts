// Credentials against a real MLflow server with basic auth on (`--app-name basic-auth`):
// they authenticate, and they never show up in an error, whatever goes wrong.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { MlflowClient, resolveTrackingUri, type MlflowError } from '../../src/tracking/mlflow/index.js';
import { freePort, startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

const password = `Sekr3t-p@ss/${randomBytes(6).toString('hex')}`;
const wrongPassword = `Wr0ng-pass-${randomBytes(6).toString('hex')}`;
const token = `tok-${randomBytes(12).toString('hex')}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secrets = [
  password,
  wrongPassword,
  token,
  b64(`admin:${password}`),
  b64(`admin:${wrongPassword}`),
  encodeURIComponent(password),
];

let server: MlflowServer;

before(async () => {
  server = await startMlflowServer({
    extraArgs: ['--app-name', 'basic-auth'],
    // The auth app refuses to start without a CSRF secret; any value does for a test.
    env: { MLFLOW_AUTH_ADMIN_PASSWORD: password, MLFLOW_FLASK_SERVER_SECRET_KEY: randomBytes(16).toString('hex') },
  });
});
after(async () => {
  await server?.stop();
});

function assertNoSecrets(error: MlflowError): void {
  const text = JSON.stringify(error);
  for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked into: ${text}`);
}

describe('MLflow credentials', () => {
  test('authenticates with MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD', async () => {
    const client = new MlflowClient({
      uri: server.uri,
      env: { MLFLOW_TRACKING_USERNAME: 'admin', MLFLOW_TRACKING_PASSWORD: password },
    });
    const exp = await client.getOrCreateExperiment('authenticated');
    assert.ok(exp.ok, exp.ok ? '' : exp.error.message);
  });

  test('authenticates with credentials written into the tracking URI, and never shows them', async () => {
    const uri = `http://admin:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
    const client = new MlflowClient({ uri, env: {} });
    assert.equal(client.uri, server.uri);
    const exp = await client.getOrCreateExperiment('from-uri');
    assert.ok(exp.ok, exp.ok ? '' : exp.error.message);
    const missing = await client.getRun('0123456789abcdef0123456789abcdef');
    assert.equal(missing.ok, false);
    if (!missing.ok) assertNoSecrets(missing.error);
  });

  test('reports a wrong password as HTTP 401 with a hint and without the password', async () => {
    const client = new MlflowClient({
      uri: server.uri,
      env: { MLFLOW_TRACKING_USERNAME: 'admin', MLFLOW_TRACKING_PASSWORD: wrongPassword },
    });
    const r = await client.getExperimentByName('authenticated');
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.error.kind === 'http' || r.error.kind === 'api', r.error.kind);
    assert.ok('status' in r.error && r.error.status === 401);
    assert.match(r.error.message, /401/);
    assertNoSecrets(r.error);
  });

  test('sends MLFLOW_TRACKING_TOKEN as a bearer token and keeps it out of the refusal', async () => {
    const client = new MlflowClient({ uri: server.uri, env: { MLFLOW_TRACKING_TOKEN: token } });
    const r = await client.getExperimentByName('authenticated');
    assert.equal(r.ok, false); // this server knows only basic auth
    if (!r.ok) {
      assert.ok('status' in r.error && r.error.status === 401);
      assertNoSecrets(r.error);
    }
  });

  test('keeps every secret out of a not-reachable error', async () => {
    const port = await freePort();
    const client = new MlflowClient({
      uri: `http://admin:${encodeURIComponent(wrongPassword)}@127.0.0.1:${port}`,
      env: { MLFLOW_TRACKING_USERNAME: 'admin', MLFLOW_TRACKING_PASSWORD: password },
      retries: 1,
      retry: { sleep: async () => {} },
    });
    const r = await client.getOrCreateExperiment('nowhere');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'unreachable');
      assertNoSecrets(r.error);
    }
  });

  test('keeps the password out of the message for a tracking URI it cannot use', () => {
    const r = resolveTrackingUri(undefined, `ftp://admin:${password}@example.org`, {});
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'bad-uri');
      assertNoSecrets(r.error);
    }
  });
});
