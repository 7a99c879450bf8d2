import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { planExperiment } from '../../src/plan/plan.js';
import { newRunId, RunStoreListener } from '../../src/run-store/index.js';
import type { TrialExecutor, TrialJob, TrialOutcome } from '../../src/run/executor.js';
import { runSweepSession, type Session } from '../../src/run/session.js';
import type { ExperimentConfig } from '../../src/types/experiment-config.js';
import type { EnvironmentInfo, RunEvent } from '../../src/types/run-events.js';
import { readJson } from '../support/runs.js';

/**
 * The session's own decisions, checked in-process through its executor seam: a fake executor
 * that trains nothing stands in for the trials' processes, and the real run store writes the
 * records. What is checked is what the session and its trial pool decide, not what a trial does.
 */

const LATENTS = [2, 4, 8, 16, 32];
const config = {
  name: 'fake-sweep',
  seed: 1,
  data: { digits: { source: 'mnist', train: 100, test: 50 } },
  stages: { ae: { type: 'autoencoder', input: 'digits', latent: 8 } },
  sweep: { grid: { 'stages.ae.latent': LATENTS } },
} as unknown as ExperimentConfig;
const plan = planExperiment(config, { codeVersion: 'test', backend: 'wasm' });
const environment: EnvironmentInfo = {
  backend: 'wasm',
  aelab: 'test',
  node: process.version,
  tfjs: 'none',
  platform: process.platform,
  hostname: os.hostname(),
};

const latentOf = (job: TrialJob) => (job.trial.config.stages.ae as { latent: number }).latent;

/** Stands in for trial processes: records what it was asked, fails the latents it is told to. */
class FakeExecutor implements TrialExecutor {
  readonly started: number[] = [];
  running = 0;
  peak = 0;
  kills = 0;
  /**
   * `waitForPeer`: how long a trial waits for a second one to run beside it before it ends, so
   * that trials allowed to overlap do, however slow the run store's writes between them are.
   */
  constructor(
    private readonly failing: ReadonlySet<number> = new Set(),
    private readonly waitForPeer = 0,
  ) {}

  async run(job: TrialJob, onEvent: (event: RunEvent) => void): Promise<TrialOutcome> {
    const latent = latentOf(job);
    const trial = job.trial.id;
    this.started.push(latent);
    this.peak = Math.max(this.peak, ++this.running);
    onEvent({ type: 'stage_started', time: Date.now(), trial, stage: 'ae', fingerprint: `fake-${latent}` });
    const until = Date.now() + this.waitForPeer;
    while (this.running < 2 && Date.now() < until) await sleep(5);
    await sleep(15);
    this.running--;
    if (this.failing.has(latent)) {
      onEvent({ type: 'stage_failed', time: Date.now(), trial, stage: 'ae', error: 'boom' });
      onEvent({ type: 'run_finished', time: Date.now(), trial, status: 'failed', error: 'boom' });
      return { status: 'failed', error: 'boom' };
    }
    // A smaller loss for a larger code, so the best trial is known in advance.
    const metrics = { test_loss: 1 / latent };
    onEvent({ type: 'stage_finished', time: Date.now(), trial, stage: 'ae', metrics, seconds: 0, cached: false });
    onEvent({ type: 'run_finished', time: Date.now(), trial, status: 'finished' });
    return { status: 'finished' };
  }

  killAll(): void {
    this.kills++;
  }
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function sweep(executor: FakeExecutor, parallel: number, failFast = false) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-fake-sweep-'));
  dirs.push(dir);
  const session: Session = {
    runsDir: dir,
    runId: newRunId(config.name),
    plan,
    settings: { experimentFile: path.join(dir, 'fake.yaml'), backend: 'wasm', parallel, failFast, cache: false },
    environment,
    listeners: [new RunStoreListener()],
    executor,
  };
  const code = await runSweepSession(session, plan.trials);
  const sweepDir = path.join(dir, session.runId);
  const record = await readJson<{ status: string; trials: Record<string, { status: string; error?: string }> }>(
    path.join(sweepDir, 'run.json'),
  );
  return { code, sweepDir, record };
}

const idOf = (latent: number) => plan.trials[LATENTS.indexOf(latent)]!.id;

test('a sweep with parallel 1 starts its trials one at a time, in the plan order', async () => {
  const executor = new FakeExecutor();
  const { code, record } = await sweep(executor, 1);
  assert.equal(code, 0);
  assert.deepEqual(executor.started, LATENTS);
  assert.equal(executor.peak, 1);
  assert.equal(record.status, 'finished');
});

test('a sweep with parallel 2 keeps two trials running at most, taking them in the plan order', async () => {
  const executor = new FakeExecutor(new Set(), 1000);
  const { code } = await sweep(executor, 2);
  assert.equal(code, 0);
  assert.equal(executor.peak, 2);
  assert.deepEqual(
    [...executor.started].sort((a, b) => a - b),
    LATENTS,
    'each trial once',
  );
  // Two trials taken together may reach the executor in either order (each first awaits its
  // listeners), but a trial never overtakes more than the one beside it.
  executor.started.forEach((latent, i) => assert.ok(LATENTS.indexOf(latent) <= i + 1, executor.started.join(', ')));
});

test('a failed trial does not stop the others; the records say which failed and the best is among the rest', async () => {
  const executor = new FakeExecutor(new Set([32]), 1000);
  const { code, sweepDir, record } = await sweep(executor, 2);
  assert.equal(code, 1, 'a sweep with a failed trial exits 1');
  assert.deepEqual(
    [...executor.started].sort((a, b) => a - b),
    LATENTS,
    'every trial ran',
  );
  assert.equal(executor.kills, 0);
  assert.equal(record.status, 'failed');
  assert.deepEqual(record.trials[idOf(32)], {
    status: 'failed',
    error: 'boom',
    assignment: { 'stages.ae.latent': 32 },
  });
  for (const latent of [2, 4, 8, 16]) assert.equal(record.trials[idOf(latent)]!.status, 'finished');

  // Each trial has its own record, with what its (fake) process said.
  const failed = await readJson<{ status: string; stages: Record<string, { status: string }> }>(
    path.join(sweepDir, 'trials', idOf(32), 'run.json'),
  );
  assert.equal(failed.status, 'failed');
  assert.equal(failed.stages.ae!.status, 'failed');
  const summary = await readJson<{ best: string; trials: { id: string; metrics: Record<string, number> }[] }>(
    path.join(sweepDir, 'summary.json'),
  );
  assert.equal(summary.best, idOf(16), 'the lowest test loss among the finished trials');
});

test('with fail-fast, the first failure stops the sweep: no trial starts after it, and those are recorded as not started', async () => {
  const executor = new FakeExecutor(new Set([4]));
  const { code, record } = await sweep(executor, 1, true);
  assert.deepEqual(executor.started, [2, 4]);
  assert.equal(executor.kills, 1, 'the running trials are told to stop');
  assert.equal(record.trials[idOf(4)]!.status, 'failed');
  for (const latent of [8, 16, 32])
    assert.deepEqual(record.trials[idOf(latent)], {
      status: 'killed',
      error: 'not started: the sweep stopped',
      assignment: { 'stages.ae.latent': latent },
    });
  assert.equal(record.status, 'killed');
  assert.equal(code, 130);
});
