// What an attacker with write access to the shared Redis can do: add any job with BullMQ's own
// `Queue.add`, shaped like the submitter's (a real plan's trial, changed where the attack needs it).
// And what a test checks afterwards: that a folder's files are byte for byte what they were.

import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../../src/run/queue/connection.js';
import { codeVersion } from '../../src/plan/code-version.js';
import type { Trial } from '../../src/plan/plan.js';
import { jobIdFor } from '../../src/run/queue/trial-job.js';
import { trialRecord } from './queue-plan.js';

/** A job as the submitter would queue it for `trial` of `sweep`, before the attacker changes it. */
export async function honestJob(sweep: string, trial: Trial): Promise<Record<string, unknown>> {
  return {
    format: 1,
    code: await codeVersion(),
    sweep,
    trial,
    runPath: path.join(sweep, 'trials', trial.id),
    record: trialRecord(sweep, trial),
    backend: 'wasm',
    cache: true,
    attempts: 1,
  };
}

export interface JobEnd {
  readonly state: 'completed' | 'failed';
  readonly reason: string;
  readonly value: unknown;
}

/** Adds `data` with BullMQ's Queue.add and waits until a worker has ended it. */
export async function addAndWait(redisUrl: string, id: string, data: unknown, timeoutMs = 120_000): Promise<JobEnd> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    await queue.add('trial', data, { jobId: id, attempts: 1 });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await queue.getJobState(id);
      if (state === 'completed' || state === 'failed') {
        const job = await queue.getJob(id);
        return { state, reason: job?.failedReason ?? '', value: job?.returnvalue };
      }
      if (Date.now() > deadline) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
      await sleep(200);
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export const forgedJobId = (sweep: string, trial: string): string => jobIdFor(sweep, trial);

/** Every entry under `dir` with what it is: a file's sha256, a symlink's target, a folder. Missing folder: empty. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).map(String);
  } catch {
    return out;
  }
  for (const rel of names.sort()) {
    const full = path.join(dir, rel);
    const s = await lstat(full).catch(() => undefined);
    if (!s) continue;
    out[rel] = s.isSymbolicLink()
      ? `link ${await readlink(full)}`
      : s.isDirectory()
        ? 'dir'
        : createHash('sha256')
            .update(await readFile(full))
            .digest('hex');
  }
  return out;
}

/** The trial with `train` of stage `stage` changed in its config and its node, the fingerprints kept. */
export function withStageTrain(trial: Trial, stage: string, train: Record<string, unknown>): Trial {
  const change = (config: unknown) => {
    const c = config as Record<string, unknown>;
    return { ...c, train: { ...(c.train as object), ...train } };
  };
  const stages = trial.config.stages as unknown as Record<string, unknown>;
  return {
    ...trial,
    config: { ...trial.config, stages: { ...stages, [stage]: change(stages[stage]) } },
    nodes: trial.nodes.map((n) => (n.name === stage ? { ...n, config: change(n.config) } : n)),
  } as unknown as Trial;
}
