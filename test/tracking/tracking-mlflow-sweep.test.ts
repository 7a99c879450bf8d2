import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MlflowClient, PARENT_RUN_ID_TAG } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { must, runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test('a sweep is a parent run in MLflow with one child run per trial, each carrying all of its params', async () => {
  const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4, 8] }\n  parallel: 2'), 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml'], dir, { MLFLOW_TRACKING_URI: server.uri });
  assert.equal(result.code, 0, result.stderr + result.stdout);

  const client = new MlflowClient({ uri: server.uri });
  const { experimentId, runs } = await runsOf(client, 'tiny-sweep');
  assert.equal(runs.length, 3);
  const parent = runs.find((r) => r.data.tags['aelab.kind'] === 'sweep');
  assert.ok(parent, 'the sweep has a parent run');
  assert.equal(parent.info.status, 'FINISHED');
  assert.match(parent.info.runName, /^tiny-sweep-[0-9a-f]{6}$/);
  // The parent carries what the trials share and the sweep's definition, not the swept key's default.
  assert.equal(parent.data.params['stages.ae.latent'], undefined);
  assert.equal(parent.data.params['sweep.grid.stages.ae.latent'], '[4,8]');
  assert.equal(parent.data.params['stages.clf_raw.arch'], 'dense');
  assert.equal(parent.data.params['stages.clf.train.loss'], 'categorical_crossentropy');
  // ...and the best trial's final metrics, with a tag naming it.
  const best = parent.data.tags['aelab.best_trial'];
  assert.match(best ?? '', /^t00[01] latent=(4|8)$/);
  const bestChild = runs.find((r) => r.info.runName === best)!;
  assert.equal(parent.data.tags['aelab.best_trial_run_id'], bestChild.info.runId);
  const parentAcc = parent.data.metrics.find((m) => m.key === 'clf/test_acc');
  assert.ok(parentAcc, parent.data.metrics.map((m) => m.key).join(', '));
  assert.equal(parentAcc.value, bestChild.data.metrics.find((m) => m.key === 'clf/test_acc')!.value);
  const children = must(
    await client.searchRuns({
      experimentIds: [experimentId],
      filter: `tags."${PARENT_RUN_ID_TAG}" = '${parent.info.runId}'`,
    }),
  );
  assert.equal(children.length, 2);
  const latents = children.map((c) => c.data.params['stages.ae.latent']).sort();
  assert.deepEqual(latents, ['4', '8']);
  for (const child of children) {
    assert.equal(child.info.status, 'FINISHED');
    assert.equal(
      child.data.params['stages.clf_raw.arch'],
      'dense',
      'a child carries every param, not only the swept one',
    );
    assert.ok(child.data.metrics.some((m) => m.key === 'clf/test_acc'));
    assert.match(child.info.runName, /^t00[01] latent=(4|8)$/);
  }
});
