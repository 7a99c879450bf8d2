import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { writeExperiment } from '../support/experiment-file.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';
import { slowRun, startCli, waitForRun } from '../support/processes.js';

const servers: MlflowServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

test('`aelab sync` ends a run that died as FAILED and one stopped by Ctrl-C as KILLED, not RUNNING', async () => {
  const server = await startMlflowServer();
  servers.push(server);

  const died = await writeExperiment(slowRun(400), 'slow.yaml');
  const first = startCli(['run', 'slow.yaml', '--no-cache'], died.dir);
  const diedFolder = await waitForRun(died.dir, (r) => (r.stages.clf?.epoch ?? 0) >= 1);
  first.child.kill('SIGKILL');
  await first.ended;

  const killed = await writeExperiment(slowRun(400), 'slow.yaml');
  const second = startCli(['run', 'slow.yaml', '--no-cache'], killed.dir);
  const killedFolder = await waitForRun(killed.dir, (r) => (r.stages.clf?.epoch ?? 0) >= 1);
  second.ctrlC();
  assert.equal(await second.exited, 130);

  for (const [dir, folder] of [
    [died.dir, diedFolder],
    [killed.dir, killedFolder],
  ] as const) {
    const synced = await runCli(['sync', path.basename(folder), '--mlflow', server.uri], dir);
    assert.equal(synced.code, 0, synced.stderr);
  }
  const client = new MlflowClient({ uri: server.uri });
  const { runs } = await runsOf(client, 'slow');
  const byId = new Map(runs.map((r) => [r.data.tags['aelab.run_id'], r]));
  const diedRun = byId.get(path.basename(diedFolder));
  const killedRun = byId.get(path.basename(killedFolder));
  assert.equal(diedRun?.info.status, 'FAILED');
  assert.equal(diedRun?.data.tags['aelab.status'], 'died');
  assert.ok(diedRun?.info.endTime, 'the died run has an end time (its last heartbeat)');
  assert.equal(killedRun?.info.status, 'KILLED');
  assert.equal(killedRun?.data.tags['aelab.status'], 'killed');
});
