import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MlflowClient, PARENT_RUN_ID_TAG } from '../../../src/tracking/mlflow/index.js';
import { runCli } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { must, runsOf } from '../../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../../support/mlflow-server.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { startWorker } from '../../support/queue-workers.js';
import { haveRedis } from '../../support/redis-server.js';

const bed = queueTestbed();
let server: MlflowServer | undefined;

before(async () => {
  if (!haveRedis()) return;
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test(
  'a sweep on the queue is one MLflow parent run with one child run per trial, logged once whichever worker ran it',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    bed.workers.push(...(await Promise.all([0, 1].map(() => startWorker(bed.redis.url, bed.runsDir)))));
    const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4, 8] }'), 'sweep.yaml');
    const env = { MLFLOW_TRACKING_URI: server!.uri };
    const result = await runCli(
      ['run', 'sweep.yaml', '--queue', bed.redis.url, '--runs', bed.runsDir, '--backend', 'wasm'],
      dir,
      env,
    );
    assert.equal(result.code, 0, result.stderr + result.stdout);
    // Following the sweep again logs nothing twice.
    const sweepId = /sweep (\S+):/.exec(result.stdout)![1]!;
    const again = await runCli(['resume', sweepId, '--queue', bed.redis.url, '--runs', bed.runsDir], dir, env);
    assert.equal(again.code, 0, again.stderr + again.stdout);

    const client = new MlflowClient({ uri: server!.uri });
    const { experimentId, runs } = await runsOf(client, 'tiny-sweep');
    assert.equal(runs.length, 3, 'one parent and two children');
    const parent = runs.find((r) => r.data.tags['aelab.kind'] === 'sweep');
    assert.ok(parent);
    const children = must(
      await client.searchRuns({
        experimentIds: [experimentId],
        filter: `tags."${PARENT_RUN_ID_TAG}" = '${parent.info.runId}'`,
      }),
    );
    assert.deepEqual(children.map((c) => c.data.params['stages.ae.latent']).sort(), ['4', '8']);
    for (const child of children) {
      assert.equal(child.info.status, 'FINISHED');
      assert.ok(child.data.metrics.some((m) => m.key === 'clf/test_acc'));
    }
  },
);
