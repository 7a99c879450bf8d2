import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { CLI, ROOT, runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { must, runsOf } from '../support/mlflow-read.js';
import { freePort } from '../support/mlflow-server.js';

test('aelab ui starts MLflow on a free port with the local runs uploaded, and Ctrl-C stops it', async () => {
  const { dir } = await writeExperiment(oneStageExperiment('tiny-ui'), 'tiny.yaml');
  const local = await runCli(['run', 'tiny.yaml'], dir);
  assert.equal(local.code, 0, local.stderr);
  // The project's .venv: this repository's (scripts/ensure-mlflow.sh made it), not a fresh install.
  await symlink(path.join(ROOT, '.venv'), path.join(dir, '.venv'));
  const port = await freePort();
  const uri = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, [CLI, 'ui', '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const deadline = Date.now() + 150_000;
    while (!stdout.includes('Press Ctrl-C') && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    assert.match(stdout, /Press Ctrl-C to stop the server/, stdout + stderr);

    // The server answers, the run is there, and the printed link opens the experiment's runs table.
    assert.equal((await fetch(`${uri}/health`)).status, 200);
    const client = new MlflowClient({ uri });
    const { experimentId, runs } = await runsOf(client, 'tiny-ui');
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.info.status, 'FINISHED');
    assert.ok(must(await client.getMetricHistory(runs[0]!.info.runId, 'ae/loss')).length === 1);
    assert.match(
      stdout,
      new RegExp(`tiny-ui: ${uri}/#/experiments/${experimentId}/runs\\?workflowType=machine_learning`),
    );
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, stderr);
  assert.match(stdout, /MLflow: stopped/);
  await assert.rejects(fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) }));
  // Its data lives under the runs folder, so the next `aelab ui` finds it.
  assert.ok(existsSync(path.join(dir, 'runs', '.mlflow', 'mlflow.db')));
});
