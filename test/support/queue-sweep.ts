import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../../src/run/queue/connection.js';
import { jobIdFor } from '../../src/run/queue/trial-job.js';
import type { WorkerProcess } from './queue-workers.js';
import { haveRedis, startRedis, type RedisServer } from './redis-server.js';

/** A shared runs folder, as an NFS mount would be: the submitter and every worker name it with --runs. */
export const sharedRunsDir = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'aelab-shared-runs-'));

/** What a queue test file runs against: a Redis on a free port, a shared runs folder, and the workers its tests start. */
export interface QueueTestbed {
  /** The file's Redis; only inside tests, which skip themselves when redis-server is not installed. */
  readonly redis: RedisServer;
  readonly runsDir: string;
  /** Workers the tests start; all are killed after the file's tests. */
  readonly workers: WorkerProcess[];
}

/**
 * Registers the file's before and after hooks: Redis (with `password` when given) and a shared runs
 * folder before its tests; the workers killed, Redis stopped and the folder removed after them.
 * Nothing starts when redis-server is not installed.
 */
export function queueTestbed(options: { password?: string } = {}): QueueTestbed {
  let redis: RedisServer | undefined;
  let runsDir = '';
  const workers: WorkerProcess[] = [];
  before(async () => {
    if (!haveRedis()) return;
    redis = await startRedis(options);
    runsDir = await sharedRunsDir();
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.dispose();
    if (runsDir) await rm(runsDir, { recursive: true, force: true });
  });
  return {
    get redis(): RedisServer {
      if (!redis) throw new Error('Redis is not running: the test should have been skipped');
      return redis;
    },
    get runsDir(): string {
      return runsDir;
    },
    workers,
  };
}

/** How many times each trial of a sweep was started on the queue (BullMQ's own count). */
export async function startsOnQueue(url: string, sweep: string, trials: readonly string[]): Promise<number[]> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    return await Promise.all(trials.map(async (t) => (await queue.getJob(jobIdFor(sweep, t)))?.attemptsStarted ?? 0));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
