/**
 * `aelab ui [--port P]`: the one command to look at results, as `mlflow ui` or `tensorboard
 * --logdir` are for their users. It starts a local MLflow server on 127.0.0.1 from the project's
 * .venv (installing MLflow there on first use), uploads the local runs it lacks (as `aelab sync`
 * does), prints where the runs are, and stops the server on Ctrl-C. The server keeps its data in
 * `<runs>/.mlflow/`, so what it holds survives from one `aelab ui` to the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { experimentRunsUrl } from '../../tracking/mlflow-sync.js';
import { packageRoot } from '../../util/package-root.js';
import { groupListensOn } from '../port-owner.js';
import { syncRuns } from './sync.js';

const HOST = '127.0.0.1';
/** mlflow ui's own default port. */
export const DEFAULT_UI_PORT = 5000;
/** The first start on a fresh database runs MLflow's migrations: tens of seconds on a busy machine. */
const READY_TIMEOUT_MS = 180_000;

export async function uiCommand(opts: { runsDir: string; port?: number }): Promise<number> {
  const mlflow = await mlflowBinary();
  if (!mlflow.ok) {
    process.stderr.write(`error: ${mlflow.error}\n`);
    return 1;
  }
  const data = path.resolve(opts.runsDir, '.mlflow');
  await mkdir(data, { recursive: true });
  const port = opts.port ?? DEFAULT_UI_PORT;
  const uri = `http://${HOST}:${port}`;
  if (await healthy(uri)) {
    process.stderr.write(`error: something already answers on ${uri}; choose another port with --port P\n`);
    return 1;
  }
  const log = await open(path.join(data, 'server.log'), 'a');
  const server = spawn(
    mlflow.value,
    [
      'server',
      ...['--host', HOST, '--port', String(port), '--workers', '1'],
      ...['--backend-store-uri', `sqlite:///${path.join(data, 'mlflow.db')}`],
      // Served artifacts: runs get mlflow-artifacts:/ URIs, which aelab uploads to over HTTP.
      ...['--serve-artifacts', '--artifacts-destination', path.join(data, 'artifacts')],
    ],
    {
      cwd: data,
      detached: true, // its own process group: stopping it reaches the web workers too
      stdio: ['ignore', log.fd, log.fd],
      // The job runner is for GenAI jobs; the tracking API and the UI do not need it.
      env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PYTHONUNBUFFERED: '1' },
    },
  );
  await log.close();
  const exited = new Promise<number>((resolve) => server.once('exit', (code) => resolve(code ?? 1)));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopGroup(server);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  process.stdout.write(`MLflow: starting on ${uri} (data in ${path.relative(process.cwd(), data) || data})\n`);
  const ready = await waitUntilReady(uri, exited);
  if (!ready) {
    stop();
    await exited;
    process.stderr.write(
      `error: the MLflow server did not start on ${uri}; see ${path.join(data, 'server.log')} (is the port free?)\n`,
    );
    return 1;
  }
  // Uploads go only to the server started here: alive, and the one listening on the port.
  const ours = server.exitCode === null && server.signalCode === null && (await groupListensOn(server.pid!, port));
  if (!stopping && ours === false) {
    stop();
    await exited;
    process.stderr.write(
      `error: the MLflow server started here is not the one answering on ${uri} (another process took the port); nothing was uploaded; see ${path.join(data, 'server.log')}\n`,
    );
    return 1;
  }
  if (!stopping) {
    const { failed, experiments } = await syncRuns([], { runsDir: opts.runsDir, mlflow: uri });
    process.stdout.write(`\nMLflow UI: ${uri}\n`);
    for (const [name, e] of [...experiments].sort(([a], [b]) => a.localeCompare(b)))
      process.stdout.write(`  ${name}: ${experimentRunsUrl(uri, e.id)}\n`);
    if (failed) process.stdout.write(`(${failed} run${failed === 1 ? '' : 's'} could not be uploaded; see above)\n`);
    process.stdout.write('Press Ctrl-C to stop the server.\n');
  }
  const code = await exited;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  if (stopping) {
    process.stdout.write('MLflow: stopped\n');
    return 0;
  }
  process.stderr.write(
    `error: the MLflow server stopped by itself (exit ${code}); see ${path.join(data, 'server.log')}\n`,
  );
  return 1;
}

/**
 * The project's `.venv/bin/mlflow` (or $MLFLOW_BIN), installed on first use by aelab's
 * scripts/ensure-mlflow.sh into the project's .venv (git-ignored, as aelab's own is).
 */
async function mlflowBinary(): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  if (process.env.MLFLOW_BIN) return { ok: true, value: process.env.MLFLOW_BIN };
  // The project's own: beside aelab's package.json, whatever folder the command runs in.
  const venv = path.join(packageRoot(), '.venv');
  const bin = path.join(venv, 'bin', 'mlflow');
  if (existsSync(bin)) return { ok: true, value: bin };
  process.stdout.write(`MLflow: installing it into ${venv} (first use; pip takes a few minutes)\n`);
  const script = path.join(packageRoot(), 'scripts', 'ensure-mlflow.sh');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(script, [], { stdio: 'inherit', env: { ...process.env, AELAB_VENV: venv } });
    child.once('error', () => resolve(1));
    child.once('exit', (c) => resolve(c ?? 1));
  });
  return code === 0 && existsSync(bin)
    ? { ok: true, value: bin }
    : { ok: false, error: `could not install MLflow into ${venv} (${script} failed; output above)` };
}

async function healthy(uri: string): Promise<boolean> {
  try {
    const res = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(uri: string, exited: Promise<number>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !gone) {
    if (await healthy(uri)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** SIGTERM to the server's process group; SIGKILL if it is still there after a grace period. */
function stopGroup(server: ChildProcess): void {
  const pgid = server.pid;
  if (pgid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pgid, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  server.once('exit', () => {
    clearTimeout(timer);
    // The workers may outlive the leader for a moment.
    signal('SIGKILL');
  });
}
