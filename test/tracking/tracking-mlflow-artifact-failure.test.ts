import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  // A common tutorial flag: artifacts on a local path the client is meant to write itself.
  const root = await mkdtemp(path.join(os.tmpdir(), 'aelab-artifact-root-'));
  server = await startMlflowServer({ extraArgs: ['--default-artifact-root', root] });
});
after(async () => {
  await server?.stop();
});

test('a server that cannot take artifacts gets the run ended, and a message saying what to change on it', async () => {
  const { dir } = await writeExperiment(oneStageExperiment('tiny-art'), 'tiny.yaml');
  const result = await runCli(['run', 'tiny.yaml', '--mlflow', server.uri], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(
    result.stderr,
    /restart the MLflow server with `--serve-artifacts --artifacts-destination DIR` instead of `--default-artifact-root DIR`/,
  );
  assert.match(result.stderr, /The MLflow run is ended without them \(tag aelab\.artifacts\)/);
  assert.doesNotMatch(result.stderr, /aelab sync .* uploads it/);

  const { runs } = await runsOf(new MlflowClient({ uri: server.uri }), 'tiny-art');
  assert.equal(runs.length, 1);
  assert.equal(runs[0]!.info.status, 'FINISHED', 'not left RUNNING for ever');
  assert.match(runs[0]!.data.tags['aelab.artifacts'] ?? '', /^not uploaded: /);
  assert.ok(runs[0]!.data.metrics.some((m) => m.key === 'ae/test_loss'));

  // Syncing again does not fail over and over on what it cannot fix.
  const again = await runCli(['sync', '--mlflow', server.uri], dir);
  assert.equal(again.code, 0, again.stderr);
});
