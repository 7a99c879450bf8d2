import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { datasetDigest } from '../../src/tracking/mlflow-datasets.js';
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

interface DatasetInput {
  dataset: { name: string; digest: string; source_type: string; source: string; profile?: string };
}

test("a run logs its data as an MLflow dataset input, and the autoencoder's analyses as metrics and artifacts", async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT, 'tiny.yaml');
  const result = await runCli(['run', 'tiny.yaml', '--mlflow', server.uri], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const client = new MlflowClient({ uri: server.uri });
  const { runs } = await runsOf(client, 'tiny');
  const runId = runs[0]!.info.runId;

  // What the UI's Dataset column reads: runs/get's inputs, through the REST API itself.
  const response = await fetch(`${server.uri}/api/2.0/mlflow/runs/get?run_id=${runId}`);
  const body = (await response.json()) as { run: { inputs?: { dataset_inputs?: DatasetInput[] } } };
  const inputs = body.run.inputs?.dataset_inputs ?? [];
  assert.equal(inputs.length, 1, JSON.stringify(body.run.inputs));
  const { dataset } = inputs[0]!;
  const [local] = await runFolders(dir);
  const record = JSON.parse(await readFile(path.join(local!, 'run.json'), 'utf8')) as {
    datasets: { name: string; identity: string; train: number; test: number }[];
  };
  assert.equal(record.datasets.length, 1);
  assert.equal(dataset.name, 'digits');
  assert.equal(dataset.digest, datasetDigest(record.datasets[0]!.identity));
  assert.match(record.datasets[0]!.identity, /mnist-official;sha256=[0-9a-f]{64}/);
  assert.equal(JSON.parse(dataset.source).source, 'mnist');
  assert.deepEqual(JSON.parse(dataset.profile!), { num_images: 400, train: 300, test: 100 });

  const keys = runs[0]!.data.metrics.map((m) => m.key);
  for (const key of ['ae/probe_acc', 'ae/knn_acc', 'ae/recon_mse'])
    assert.ok(keys.includes(key), `${key} in ${keys.join(', ')}`);
  const ae = must(await client.listArtifacts(runId, 'stages/ae')).map((f) => f.path);
  for (const file of [
    'latent-map.png',
    'interpolation.png',
    'reconstruction-error.png',
    'worst-reconstructed.png',
    'analysis.json',
  ])
    assert.ok(ae.includes(`stages/ae/${file}`), `${file} in ${ae.join(', ')}`);

  // Syncing again logs the data set once.
  const synced = await runCli(['sync', path.basename(local!), '--mlflow', server.uri], dir);
  assert.equal(synced.code, 0, synced.stderr);
  const again = (await (await fetch(`${server.uri}/api/2.0/mlflow/runs/get?run_id=${runId}`)).json()) as typeof body;
  assert.equal(again.run.inputs?.dataset_inputs?.length, 1);
});
