// A real Redis for tests: Debian's redis-server on 127.0.0.1, a free port, append-only
// persistence in a temp folder (so a restart on the same folder keeps every job, as in
// production). Ready when it answers PING; stopped with SIGTERM (Redis then writes its file).
// Servers still running when the test process exits are killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './mlflow-server.js';
import { available, skipUnless } from './requirements.js';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
export const haveRedis = (): boolean => available('redis-server', () => existsSync(REDIS_SERVER));
/** For `test(name, { skip: redisSkipReason() }, ...)`: false when redis-server is there. */
export const redisSkipReason = (): string | false =>
  skipUnless(
    'redis-server',
    () => existsSync(REDIS_SERVER),
    `redis-server is not installed (looked at ${REDIS_SERVER})`,
  );

export interface RedisServer {
  readonly port: number;
  readonly dir: string;
  /** redis://127.0.0.1:PORT, with the password when one was set. */
  readonly url: string;
  /** SIGTERM and wait; the data folder stays for a restart. */
  stop(): Promise<void>;
  /** SIGKILL at once: no final write, only what the append-only file already holds. */
  kill(): Promise<void>;
  /** Starts again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startRedis(opts: { password?: string } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-redis-'));
  const port = await freePort();
  let child = await launch(port, dir, opts.password);
  const url = `redis://${opts.password ? `:${encodeURIComponent(opts.password)}@` : ''}127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    live.delete(child);
  };
  return {
    port,
    dir,
    url,
    stop: () => stop('SIGTERM'),
    kill: () => stop('SIGKILL'),
    restart: async () => {
      await stop('SIGTERM');
      child = await launch(port, dir, opts.password);
    },
    dispose: async () => {
      await stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, dir: string, password: string | undefined): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--dir',
    dir,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--logfile',
    path.join(dir, 'redis.log'),
  ];
  if (password) args.push('--requirepass', password);
  const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
  live.add(child);
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    ...(password ? { password } : {}),
  });
  client.on('error', () => undefined);
  try {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null)
        throw new Error(`redis-server exited with code ${child.exitCode} (log: ${path.join(dir, 'redis.log')})`);
      try {
        if (client.status !== 'ready') await client.connect();
        if ((await client.ping()) === 'PONG') return child;
      } catch {
        client.disconnect();
      }
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
  } finally {
    client.disconnect();
  }
}
