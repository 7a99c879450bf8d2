import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { shortestFloat32 } from '../../src/util/float32.js';
import { runCli } from '../support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';
import { must, runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';
import { runFolders } from '../support/runs.js';

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
  // Named by the experiment and the random end of the folder's id, which the runs table shows whole.
  assert.equal(run.info.runName, `tiny-${path.basename(local!).split('-').pop()}`);
  assert.match(result.stdout, new RegExp(`^mlflow: ${server.uri}/#/experiments/\\d+/runs/${run.info.runId}$`, 'm'));
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(run.data.params['stages.ae.latent'], '16');
  assert.equal(run.data.params['stages.ae.train.optimizer.name'], 'adam');
  assert.equal(run.data.params['data.digits.train'], '300');
  assert.equal(run.data.tags['aelab.seed'], '7');
  assert.match(run.data.tags['aelab.backend'] ?? '', /^(wasm|tensorflow|cpu)$/);
  assert.equal(run.data.tags['aelab.experiment_file'], 'tiny.yaml');

  // A classifier's params are those it trained with, not the schema's autoencoder loss.
  assert.equal(run.data.params['stages.cnn.train.loss'], 'categorical_crossentropy');
  assert.equal(run.data.params['stages.cnn.train.optimizer.learning_rate'], '0.001');
  assert.equal(run.data.params['stages.ae.train.optimizer.learning_rate'], '0.003');

  // Metrics are grouped per stage (`<stage>/<metric>`) and each is logged once.
  const keys = run.data.metrics.map((m) => m.key).sort();
  for (const key of keys) assert.match(key, /^(ae|cnn|cnn_raw)\/[a-z_]+$/);
  assert.ok(!keys.some((k) => k.includes('val_')), `the validation split is the test split: ${keys.join(', ')}`);
  assert.ok(!keys.includes('ae/reconstruction'), `ae/reconstruction repeats ae/loss: ${keys.join(', ')}`);
  assert.ok(!keys.includes('cnn_raw/train_loss'), `train_loss is the last point of loss: ${keys.join(', ')}`);
  const history = must(await client.getMetricHistory(run.info.runId, 'ae/loss'));
  assert.deepEqual(history.map((m) => m.step).sort(), [1, 2]);
  const rawAcc = must(await client.getMetricHistory(run.info.runId, 'cnn_raw/test_acc'));
  assert.deepEqual([...new Set(rawAcc.map((m) => m.step))].sort(), [1, 2]);
  // Values are float32 written short: 0.06, not 0.05999999865889549.
  for (const m of [...history, ...rawAcc]) assert.equal(m.value, shortestFloat32(m.value));
  const localRun = JSON.parse(await readFile(path.join(local!, 'run.json'), 'utf8')) as {
    stages: Record<string, { metrics: Record<string, number> }>;
  };
  const acc = must(await client.getMetricHistory(run.info.runId, 'cnn/test_acc'));
  assert.equal(acc.at(-1)!.value, shortestFloat32(localRun.stages.cnn!.metrics.test_acc!));

  const top = must(await client.listArtifacts(run.info.runId)).map((f) => f.path);
  for (const file of ['config.json', 'params.json', 'run.json', 'metrics.jsonl', 'report.html', 'stages'])
    assert.ok(top.includes(file), `${file} in ${top.join(', ')}`);
  const ae = must(await client.listArtifacts(run.info.runId, 'stages/ae')).map((f) => f.path);
  assert.ok(ae.includes('stages/ae/figure.png') && ae.includes('stages/ae/model'), ae.join(', '));

  // Syncing again sends nothing twice.
  const synced = await runCli(['sync', path.basename(local!), '--mlflow', server.uri], dir);
  assert.equal(synced.code, 0, synced.stderr);
  assert.equal(must(await client.getMetricHistory(run.info.runId, 'ae/loss')).length, 2);
  assert.equal((await runsOf(client, 'tiny')).runs.length, 1);
});
