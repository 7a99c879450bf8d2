import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { ASHA_SWEEP, writeExperiment } from '../support/experiment-file.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test('a trial the ASHA scheduler stopped is an ended MLflow run tagged stopped, with the epoch it reached', async () => {
  const { dir } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml'], dir, { MLFLOW_TRACKING_URI: server.uri });
  assert.equal(result.code, 0, result.stderr + result.stdout);

  const { runs } = await runsOf(new MlflowClient({ uri: server.uri }), 'asha-sweep');
  const trial = (id: string) => runs.find((r) => r.data.tags['aelab.trial'] === id);
  for (const id of ['t001', 't002']) {
    const run = trial(id);
    assert.ok(run, `${id} is in MLflow`);
    assert.equal(run.info.status, 'FINISHED', 'stopped is not a failure');
    assert.equal(run.data.tags['aelab.status'], 'stopped');
    assert.equal(run.data.tags['aelab.stopped_stage'], 'ae');
    assert.equal(run.data.tags['aelab.stopped_epoch'], '1');
    assert.match(run.data.tags['aelab.stopped_reason'] ?? '', /^val_loss [0-9.]+ at epoch 1 is outside the top 1\/3/);
    // The epoch it trained is logged (its training loss); the skipped classifier logged nothing.
    assert.ok(
      run.data.metrics.some((m) => m.key === 'ae/loss'),
      run.data.metrics.map((m) => m.key).join(', '),
    );
    assert.ok(!run.data.metrics.some((m) => m.key.startsWith('clf/')));
  }
  const first = trial('t000');
  assert.equal(first?.data.tags['aelab.status'], 'finished');
  assert.equal(first?.data.tags['aelab.stopped_epoch'], undefined);
});
