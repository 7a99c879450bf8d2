import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { freePort } from '../support/mlflow-server.js';

/** `aelab ui` in `cwd`, its output collected; resolves with the child and a reader. */
function startUi(cwd: string, port: number, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, 'ui', '--port', String(port)], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const waitFor = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(out) && child.exitCode === null && Date.now() < deadline) await sleep(100);
    assert.match(out, pattern);
  };
  return { child, exited, output: () => out, waitFor };
}

test(
  "aelab ui runs the project's MLflow, not a .venv of the current folder, and uploads nothing to another process answering on its port",
  { timeout: 180_000 },
  async () => {
    const { dir } = await writeExperiment(oneStageExperiment('ui-trust'), 'ui.yaml');
    const local = await runCli(['run', 'ui.yaml', '--wasm-threads', '1'], dir);
    assert.equal(local.code, 0, local.stderr);

    // 1. A .venv/bin/mlflow planted in the folder the command runs in is never run.
    const marker = path.join(dir, 'planted-mlflow-ran');
    await mkdir(path.join(dir, '.venv', 'bin'), { recursive: true });
    await writeFile(path.join(dir, '.venv', 'bin', 'mlflow'), `#!/bin/sh\ntouch ${marker}\nsleep 30\n`);
    await chmod(path.join(dir, '.venv', 'bin', 'mlflow'), 0o755);
    const first = startUi(dir, await freePort(), { MLFLOW_BIN: '' });
    await first.waitFor(/MLflow: starting/, 30_000);
    await sleep(2000);
    first.child.kill('SIGINT');
    await first.exited;
    assert.equal(existsSync(marker), false, `the planted binary ran:\n${first.output()}`);

    // 2. Our MLflow never binds (a binary that only waits), and another server answers /health there.
    const port = await freePort();
    const waiting = path.join(dir, 'never-binds.sh');
    await writeFile(waiting, '#!/bin/sh\nsleep 20\n');
    await chmod(waiting, 0o755);
    const asked: string[] = [];
    const other: Server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const second = startUi(dir, port, { MLFLOW_BIN: waiting });
    try {
      await second.waitFor(/MLflow: starting/, 30_000);
      await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
      const code = await Promise.race([second.exited, sleep(60_000).then(() => 'timeout' as const)]);
      assert.equal(code, 1, second.output());
      assert.match(second.output(), /not the one answering .*nothing was uploaded/);
      assert.deepEqual(
        asked.filter((r) => !r.endsWith('/health')),
        [],
        'nothing but /health reached the other server',
      );
    } finally {
      second.child.kill('SIGINT');
      await second.exited;
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  },
);
