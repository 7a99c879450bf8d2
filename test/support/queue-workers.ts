// `aelab worker` processes for tests: each in its own temp working folder (as on its own
// machine), sharing only Redis and the runs folder. Their output is kept for assertions and
// for the message of a failing test. Workers still running when the test process exits are
// killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI } from './cli.js';

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly cwd: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once it printed a line matching `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a lost machine. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startWorker(
  queue: string,
  runsDir: string,
  extra: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  cli = CLI,
): Promise<WorkerProcess> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'aelab-worker-'));
  const child = spawn(
    process.execPath,
    [
      cli,
      'worker',
      '--queue',
      queue,
      '--runs',
      runsDir,
      '--concurrency',
      '1',
      '--wasm-threads',
      '1',
      '--stall-timeout',
      '2',
      ...extra,
    ],
    {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  live.add(child);
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (text += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (text += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      live.delete(child);
      void rm(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const worker: WorkerProcess = {
    child,
    cwd,
    output: () => text,
    exited,
    waitFor: async (pattern, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (child.exitCode !== null)
          throw new Error(`worker exited (${child.exitCode}) before printing ${pattern}:\n${text}`);
        if (Date.now() > deadline) throw new Error(`worker did not print ${pattern} within ${timeoutMs} ms:\n${text}`);
        await sleep(50);
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await worker.waitFor(/taking trials from/, 30_000);
  return worker;
}
