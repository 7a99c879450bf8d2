// Artifact upload and listing against a real MLflow server that serves artifacts.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { MlflowClient, type Run } from '../../src/tracking/mlflow/index.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
let client: MlflowClient;
let run: Run;
let scratch: string;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

before(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ uri: server.uri, env: {} });
  const exp = must(await client.getOrCreateExperiment('artifacts'));
  run = must(await client.createRun({ experimentId: exp.experimentId, runName: 'with-files' }));
  scratch = await mkdtemp(path.join(os.tmpdir(), 'aelab-artifacts-'));
});
after(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('MLflow artifacts against a real server', () => {
  test('uploads bytes under a nested path and lists them with their size', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const up = must(await client.uploadArtifact(run, 'pictures/recon grid.png', png));
    assert.deepEqual(up, { path: 'pictures/recon grid.png', bytes: png.length });

    assert.deepEqual(must(await client.listArtifacts(run.info.runId)), [{ path: 'pictures', isDir: true }]);
    assert.deepEqual(must(await client.listArtifacts(run.info.runId, 'pictures')), [
      { path: 'pictures/recon grid.png', isDir: false, fileSize: png.length },
    ]);
    // The bytes landed unchanged in the server's artifact store.
    const stored = await readFile(
      path.join(server.dir, 'art', run.info.experimentId, run.info.runId, 'artifacts', 'pictures', 'recon grid.png'),
    );
    assert.deepEqual(stored, png);
  });

  test('uploads a whole directory tree given only the run id', async () => {
    const local = path.join(scratch, 'model');
    await mkdir(path.join(local, 'weights'), { recursive: true });
    const modelJson = '{"format":"layers-model"}';
    await writeFile(path.join(local, 'model.json'), modelJson);
    await writeFile(path.join(local, 'weights', 'group1-shard1of1.bin'), Buffer.alloc(4096, 7));

    const done = must(await client.uploadDirectory(run.info.runId, local, 'models/ae'));
    assert.deepEqual(done, { files: 2, bytes: 4096 + modelJson.length });
    assert.deepEqual(
      must(await client.listArtifacts(run.info.runId, 'models/ae')).map((f) => [f.path, f.isDir]),
      [
        ['models/ae/model.json', false],
        ['models/ae/weights', true],
      ],
    );
    assert.deepEqual(must(await client.listArtifacts(run.info.runId, 'models/ae/weights')), [
      { path: 'models/ae/weights/group1-shard1of1.bin', isDir: false, fileSize: 4096 },
    ]);
  });

  test('refuses an artifact path that would leave the run artifact root', async () => {
    for (const bad of ['../escape.txt', '/abs.txt', 'a//b.txt', 'a/./b.txt', '']) {
      const r = await client.uploadArtifact(run, bad, Buffer.from('x'));
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.equal(r.error.kind, 'invalid-input');
    }
  });

  test('returns a clear error for a run whose artifacts are not served by MLflow', async () => {
    const id = must(
      await client.createExperiment('local-artifacts', {
        artifactLocation: `file://${path.join(scratch, 'elsewhere')}`,
      }),
    );
    const local = must(await client.createRun({ experimentId: id }));
    assert.match(local.info.artifactUri, /^file:/);
    const r = await client.uploadArtifact(local, 'a.txt', Buffer.from('x'));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'unsupported-artifact-uri');
      assert.match(r.error.message, /scheme file/);
    }
  });

  test('reports a local directory that cannot be read', async () => {
    const r = await client.uploadDirectory(run, path.join(scratch, 'does-not-exist'));
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'local-io');
  });
});
