import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
let dir: string;
let remove: () => Promise<void>;
before(async () => {
  server = await startMlflowServer();
  ({ dir, remove } = await tempDir('mlflow-early-stopping'));
});
after(async () => {
  await server?.stop();
  await remove();
});

// Random pixels and labels: the validation loss stops improving within a few epochs.
const experiment = `name: stopping
seed: 4
data:
  noise: { source: idx, path: noise, train: 300, validation: 100 }
stages:
  clf:
    type: classifier
    input: noise
    arch: dense
    dense: [512]
    train:
      epochs: 12
      batch_size: 50
      optimizer: { name: adam, learning_rate: 0.003 }
      early_stopping: { monitor: val_loss, patience: 2 }
`;

test('MLflow records where early stopping stopped and the best epoch, and the validation split', async () => {
  await mkdir(path.join(dir, 'noise'));
  await writeIdxFolder(path.join(dir, 'noise'), generateIdx(400, 100), false);
  await writeFile(path.join(dir, 'stopping.yaml'), experiment);
  const result = await runCli(['run', 'stopping.yaml', '--mlflow', server.uri], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const printed = /stopped_epoch=(\d+) best_epoch=(\d+)/.exec(result.stdout);
  assert.ok(printed, result.stdout);
  const [, stopped, best] = printed;
  assert.ok(Number(stopped) < 12, `did not stop early: ${result.stdout}`);

  const { runs } = await runsOf(new MlflowClient({ uri: server.uri }), 'stopping');
  const run = runs[0]!;
  const metric = (key: string) => run.data.metrics.find((m) => m.key === key)?.value;
  assert.equal(metric('clf/stopped_epoch'), Number(stopped));
  assert.equal(metric('clf/best_epoch'), Number(best));
  assert.equal(run.data.tags['aelab.early_stopping'], `clf: stopped at ${stopped}, best ${best}`);

  const body = (await (await fetch(`${server.uri}/api/2.0/mlflow/runs/get?run_id=${run.info.runId}`)).json()) as {
    run: { inputs?: { dataset_inputs?: { dataset: { profile?: string } }[] } };
  };
  const profile = JSON.parse(body.run.inputs?.dataset_inputs?.[0]?.dataset.profile ?? '{}');
  assert.deepEqual(profile, { num_images: 500, train: 300, test: 100, validation: 100 });
});
