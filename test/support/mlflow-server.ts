// Runs a real MLflow tracking server for tests: sqlite backend and served artifacts in a temp
// dir, on a free port of 127.0.0.1. A start costs several seconds (about 6.5 s on an idle
// 2-core machine: Python imports plus the sqlite migrations), so a test file starts one server
// in `before` and shares it among its tests.
//
// The server is a process tree (mlflow -> uvicorn), so it runs in its own process group and is
// stopped as a group: SIGTERM, then SIGKILL if it lingers. Servers still alive when the test
// process exits or is interrupted are killed too, so no run leaves orphans behind.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface MlflowServer {
  /** http://127.0.0.1:<port> */
  readonly uri: string;
  readonly port: number;
  /** Holds m.db, art/ and server.log. */
  readonly dir: string;
  /** How long it took from spawn until /health answered OK. */
  readonly startupMs: number;
  /** The server's process group (the watchdog shell leads it). */
  readonly pgid: number;
  /** SIGTERM the process group, SIGKILL after a grace period; resolves when all are gone. */
  stop(): Promise<void>;
  /** SIGKILL the process group at once (synchronous, for exit handlers). */
  kill(): void;
}

export interface StartOptions {
  /** Reuse this data dir (e.g. to restart a stopped server on the same db); kept on stop. */
  readonly dir?: string;
  /** Listen here instead of a free port. */
  readonly port?: number;
  /** Default 90 s: the first start on a fresh db runs all migrations. */
  readonly timeoutMs?: number;
  /** More `mlflow server` flags, e.g. ['--app-name', 'basic-auth']. */
  readonly extraArgs?: readonly string[];
  /** More environment for the server, e.g. MLFLOW_AUTH_ADMIN_PASSWORD. */
  readonly env?: Readonly<Record<string, string>>;
}

const HOST = '127.0.0.1';

export async function startMlflowServer(opts: StartOptions = {}): Promise<MlflowServer> {
  const bin = await mlflowBinary();
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'aelab-mlflow-')));
  // A free port can be taken between our probe and the server's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const started = await launch(bin, dir, port, opts, ownDir);
    if (started.ok) return started.server;
    if (opts.port !== undefined || attempt >= 3 || !/address already in use/i.test(started.log)) {
      if (ownDir) await rm(dir, { recursive: true, force: true });
      throw new Error(`${started.reason}\n--- tail of server.log ---\n${started.log.slice(-3000)}`);
    }
  }
}

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('mlflow-server: cannot find the repository root (no package.json above)');
    dir = up;
  }
  return dir;
}

async function mlflowBinary(): Promise<string> {
  if (process.env.MLFLOW_BIN) return process.env.MLFLOW_BIN;
  return path.join(await ensureMlflow(), 'bin', 'mlflow');
}

/**
 * The virtualenv with MLflow in it ($AELAB_VENV, else the repository's .venv), made by
 * scripts/ensure-mlflow.sh if it is not there. `npm test` runs that script once before any test
 * starts, so here it only checks (~0.2 s, once per test process); a test file run on its own on
 * a fresh clone installs MLflow here (minutes), one process at a time (the script takes a lock).
 */
export async function ensureMlflow(): Promise<string> {
  const root = repoRoot();
  ensured ??= promisify(execFile)(path.join(root, 'scripts', 'ensure-mlflow.sh'), [], { timeout: 15 * 60_000 }).then(
    () => undefined,
  );
  try {
    await ensured;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`scripts/ensure-mlflow.sh failed; run it by hand to see why.\n${stderr}`, { cause: e });
  }
  return process.env.AELAB_VENV ?? path.join(root, '.venv');
}
let ensured: Promise<void> | undefined;

/** A port on 127.0.0.1 that was free a moment ago (nothing listens on it once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

type Launch = { ok: true; server: MlflowServer } | { ok: false; reason: string; log: string };

async function launch(bin: string, dir: string, port: number, opts: StartOptions, ownDir: boolean): Promise<Launch> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const logFile = path.join(dir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const t0 = performance.now();
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      WATCHDOG,
      'mlflow-watchdog',
      bin,
      'server',
      '--host',
      HOST,
      '--port',
      String(port),
      '--workers',
      '1',
      '--backend-store-uri',
      `sqlite:///${path.join(dir, 'm.db')}`,
      // Served artifacts are the default in MLflow 3; said explicitly because uploads rely on it.
      '--serve-artifacts',
      '--artifacts-destination',
      path.join(dir, 'art'),
      ...(opts.extraArgs ?? []),
    ],
    {
      cwd: dir, // anything MLflow writes relative to cwd stays in the temp dir
      detached: true, // own process group, so stop() reaches uvicorn too
      stdio: ['pipe', logFd, logFd], // stdin: the watchdog's lifeline, see WATCHDOG
      env: {
        ...process.env,
        // Without this MLflow 3 also starts a job runner and seven huey consumers: more CPU,
        // more processes to reap, and nothing the tracking API needs.
        MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
        PYTHONUNBUFFERED: '1',
        WATCHDOG_RM_DIR: ownDir ? dir : '',
        ...opts.env,
      },
    },
  );
  closeSync(logFd);
  child.stdin?.on('error', () => {}); // never written; closing it is the stop signal
  const pgid = child.pid;
  if (pgid === undefined) return { ok: false, reason: `mlflow server could not be spawned (${bin})`, log: '' };

  let exited = false;
  const exitedP = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.once('error', () => {
    exited = true;
  });
  live.add(pgid);
  installExitHooks();

  const uri = `http://${HOST}:${port}`;
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(uri))) {
    if (exited) {
      live.delete(pgid);
      killGroup(pgid, 'SIGKILL'); // the leader died; its children may not have
      return { ok: false, reason: `mlflow server exited before it was ready (port ${port})`, log: readLog() };
    }
    if (Date.now() > deadline) {
      await stopGroup(pgid, child, exitedP);
      return { ok: false, reason: `mlflow server did not answer ${uri}/health within ${timeoutMs} ms`, log: readLog() };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const startupMs = performance.now() - t0;

  return {
    ok: true,
    server: {
      uri,
      port,
      dir,
      startupMs,
      pgid,
      stop: async () => {
        child.stdin?.end();
        await stopGroup(pgid, child, exitedP);
        if (ownDir) await rm(dir, { recursive: true, force: true });
      },
      kill: () => {
        killGroup(pgid, 'SIGKILL');
        live.delete(pgid);
      },
    },
  };
}

/**
 * Runs the server ("$@") with a watchdog beside it in the same process group. The watchdog
 * reads our end of a pipe on fd 3; when this process goes away - however it dies: an exit hook
 * does not run when node's test harness crashes on EPIPE, or on SIGKILL - the pipe closes, and
 * the watchdog sends TERM to the group, waits up to 10 s for the server, then KILLs the group,
 * itself included. It ignores TERM so that it outlives the server it is cleaning up after.
 * A temp dir the harness made (WATCHDOG_RM_DIR) is removed too.
 * (Background jobs of sh get /dev/null as stdin, hence the explicit fd 3.)
 */
const WATCHDOG = `
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
(
  trap '' TERM
  cat <&3 >/dev/null
  kill -s TERM 0 2>/dev/null
  i=0
  while kill -0 "$server" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  if [ -n "$WATCHDOG_RM_DIR" ]; then rm -rf "$WATCHDOG_RM_DIR"; fi
  kill -s KILL 0
) &
exec 3<&-
wait "$server"
`;

async function healthy(uri: string): Promise<boolean> {
  try {
    const res = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok && (await res.text()).trim() === 'OK';
  } catch {
    return false;
  }
}

/** true while any process of the group exists (kill with signal 0 only checks). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

async function stopGroup(pgid: number, child: ChildProcess, exitedP: Promise<void>): Promise<void> {
  const waitGone = async (ms: number) => {
    const until = Date.now() + ms;
    while (groupAlive(pgid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    return !groupAlive(pgid);
  };
  killGroup(pgid, 'SIGTERM');
  if (!(await waitGone(10_000))) {
    killGroup(pgid, 'SIGKILL');
    await waitGone(5_000);
  }
  if (child.exitCode === null && child.signalCode === null) await exitedP;
  live.delete(pgid);
}

// ---- no orphans, whatever happens to the test process -------------------------------------

const live = new Set<number>();
let hooked = false;

function installExitHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const pgid of live) killGroup(pgid, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const pgid of live) killGroup(pgid, 'SIGKILL');
      live.clear();
      // Die of the same signal, as the process would have without this hook.
      process.kill(process.pid, sig);
    });
  }
}
