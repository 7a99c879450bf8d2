import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { CLI, runCli } from '../support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';
import { must, runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';
import { readJson, runFolders } from '../support/runs.js';

const servers: MlflowServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

test('a server that dies mid-run costs one warning; the run completes locally and `aelab sync` uploads the rest once', async () => {
  const first = await startMlflowServer();
  servers.push(first);
  const { dir } = await writeExperiment(
    TINY_EXPERIMENT.replace('epochs: 2, batch_size: 64', 'epochs: 6, batch_size: 64'),
    'tiny.yaml',
  );

  const child = spawn(process.execPath, [CLI, 'run', 'tiny.yaml', '--mlflow', first.uri], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    // Kill the server once the first epochs have been logged to it.
    if (!killed && /ae epoch 2\/6/.test(stdout)) {
      killed = true;
      first.kill();
    }
  });
  assert.equal(await exited, 0, stderr + stdout);
  assert.ok(killed, 'the server was killed during the run');
  assert.equal(
    (stderr.match(/^warning: .*not reachable|^warning: MLflow/gm) ?? []).length,
    1,
    `one warning, got: ${stderr}`,
  );
  assert.match(stderr, /aelab sync/);
  const [local] = await runFolders(dir);
  const record = await readJson<{ status: string; stages: Record<string, { status: string }> }>(
    path.join(local!, 'run.json'),
  );
  assert.equal(record.status, 'finished', 'the local run is complete');
  assert.deepEqual(
    Object.values(record.stages).map((s) => s.status),
    ['finished', 'finished', 'finished'],
  );

  // The same server comes back (same database and port); sync sends what it missed, once.
  const again = await startMlflowServer({ dir: first.dir, port: first.port });
  servers.push(again);
  const synced = await runCli(['sync', path.basename(local!), '--mlflow', again.uri], dir);
  assert.equal(synced.code, 0, synced.stderr);
  await runCli(['sync', '--mlflow', again.uri], dir);

  const client = new MlflowClient({ uri: again.uri });
  const { runs } = await runsOf(client, 'tiny');
  assert.equal(runs.length, 1, 'no duplicate run');
  const run = runs[0]!;
  assert.equal(run.info.status, 'FINISHED');
  const loss = must(await client.getMetricHistory(run.info.runId, 'ae/loss'));
  assert.deepEqual(
    loss.map((m) => m.step).sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6],
    'every epoch once, none twice',
  );
  assert.equal(run.data.params['stages.ae.latent'], '16');
  const artifacts = must(await client.listArtifacts(run.info.runId)).map((f) => f.path);
  assert.ok(artifacts.includes('stages') && artifacts.includes('config.json'), artifacts.join(', '));
});
