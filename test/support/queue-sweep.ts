import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../../src/run/queue/connection.js';
import { jobIdFor } from '../../src/run/queue/trial-job.js';

/** A shared runs folder, as an NFS mount would be: the submitter and every worker name it with --runs. */
export const sharedRunsDir = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'aelab-shared-runs-'));

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
