import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../src/tracking/mlflow/index.js';
import { runCli } from './support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from './support/experiment-file.js';
import { must, runsOf } from './support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from './support/mlflow-server.js';
import { runFolders } from './support/runs.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test('a run is logged to a real MLflow server: params, metric histories per epoch, final metrics, tags and artifacts', async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT, 'tiny.yaml');
  const result = await runCli(['run', 'tiny.yaml', '--mlflow', server.uri], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, new RegExp(`^tracking: MLflow at ${server.uri}`, 'm'));
  assert.doesNotMatch(result.stderr, /warning/);

  const client = new MlflowClient({ uri: server.uri });
  const { runs } = await runsOf(client, 'tiny');
  assert.equal(runs.length, 1);
  const run = runs[0]!;
  const [local] = await runFolders(dir);
  assert.equal(run.info.runName, path.basename(local!));
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(run.data.params['stages.ae.latent'], '16');
  assert.equal(run.data.params['stages.ae.train.optimizer.name'], 'adam');
  assert.equal(run.data.params['data.digits.train'], '300');
  assert.equal(run.data.tags['aelab.seed'], '7');
  assert.match(run.data.tags['aelab.backend'] ?? '', /^(wasm|tensorflow|cpu)$/);
  assert.equal(run.data.tags['aelab.experiment_file'], 'tiny.yaml');

  const history = must(await client.getMetricHistory(run.info.runId, 'ae.loss'));
  assert.deepEqual(history.map((m) => m.step).sort(), [1, 2]);
  assert.equal(must(await client.getMetricHistory(run.info.runId, 'cnn_raw.val_acc')).length, 2);
  const acc = must(await client.getMetricHistory(run.info.runId, 'cnn.test_acc'));
  assert.equal(acc.length, 1);

  const top = must(await client.listArtifacts(run.info.runId)).map((f) => f.path);
  for (const file of ['config.json', 'params.json', 'run.json', 'metrics.jsonl', 'report.html', 'stages'])
    assert.ok(top.includes(file), `${file} in ${top.join(', ')}`);
  const ae = must(await client.listArtifacts(run.info.runId, 'stages/ae')).map((f) => f.path);
  assert.ok(ae.includes('stages/ae/figure.png') && ae.includes('stages/ae/model'), ae.join(', '));

  // Syncing again sends nothing twice.
  const synced = await runCli(['sync', path.basename(local!), '--mlflow', server.uri], dir);
  assert.equal(synced.code, 0, synced.stderr);
  assert.equal(must(await client.getMetricHistory(run.info.runId, 'ae.loss')).length, 2);
  assert.equal((await runsOf(client, 'tiny')).runs.length, 1);
});
