import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { RunEvent } from '../../src/types/run-events.js';
import { newRunId, readRun, RunFolderWriter, type RunRecord } from '../../src/run-store/index.js';

const environment = {
  backend: 'cpu',
  aelab: '0.0.0',
  node: 'v20',
  tfjs: '4.22.0',
  platform: 'linux-x64',
  hostname: 'h',
};

function record(): RunRecord {
  return {
    id: 'r1',
    name: 'exp',
    kind: 'run',
    experiment_file: 'e.yaml',
    status: 'running',
    start_time: new Date(1000).toISOString(),
    seed: 1,
    stages: {},
  };
}

async function folder(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'aelab-store-')), 'run');
}

test('a run folder holds the resolved config, params, per-epoch metrics and the final status', async () => {
  const dir = await folder();
  const writer = await RunFolderWriter.create(dir, record(), { name: 'exp', seed: 1 });
  const events: RunEvent[] = [
    { type: 'run_started', time: 1000, trial: 't', params: { 'stages.ae.latent': 32 }, environment },
    { type: 'stage_started', time: 1001, trial: 't', stage: 'ae', fingerprint: 'abc' },
    {
      type: 'epoch',
      time: 1002,
      trial: 't',
      stage: 'ae',
      epoch: 1,
      epochs: 2,
      metrics: { loss: 0.3, val_loss: 0.31 },
      seconds: 1,
    },
    {
      type: 'epoch',
      time: 1003,
      trial: 't',
      stage: 'ae',
      epoch: 2,
      epochs: 2,
      metrics: { loss: 0.2, val_loss: 0.21 },
      seconds: 1,
    },
    {
      type: 'stage_finished',
      time: 1004,
      trial: 't',
      stage: 'ae',
      metrics: { test_loss: 0.21 },
      seconds: 3,
      cached: false,
    },
    { type: 'run_finished', time: 3000, trial: 't', status: 'finished' },
  ];
  for (const e of events) writer.onEvent(e);
  await writer.flush();

  assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')), { name: 'exp', seed: 1 });
  assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'params.json'), 'utf8')), { 'stages.ae.latent': 32 });
  const { record: saved, metrics } = await readRun(dir);
  assert.equal(saved.status, 'finished');
  assert.equal(saved.duration_s, 2);
  assert.equal(saved.environment?.backend, 'cpu');
  assert.deepEqual(saved.stages.ae, {
    status: 'finished',
    fingerprint: 'abc',
    metrics: { test_loss: 0.21 },
    seconds: 3,
    cached: false,
  });
  assert.deepEqual(
    metrics.map((m) => [m.stage, m.key, m.step, m.value]),
    [
      ['ae', 'loss', 1, 0.3],
      ['ae', 'val_loss', 1, 0.31],
      ['ae', 'loss', 2, 0.2],
      ['ae', 'val_loss', 2, 0.21],
    ],
  );
  const leftovers = (await readdir(dir)).filter(
    (f) => !['config.json', 'params.json', 'run.json', 'metrics.jsonl'].includes(f),
  );
  assert.deepEqual(leftovers, [], 'no temp files are left behind');
});

test('a failed stage marks the run failed with its error, and what was logged before stays', async () => {
  const dir = await folder();
  const writer = await RunFolderWriter.create(dir, record(), {});
  writer.onEvent({ type: 'stage_started', time: 1, trial: 't', stage: 'ae', fingerprint: 'f' });
  writer.onEvent({
    type: 'epoch',
    time: 2,
    trial: 't',
    stage: 'ae',
    epoch: 1,
    epochs: 5,
    metrics: { loss: 0.5 },
    seconds: 1,
  });
  writer.onEvent({ type: 'stage_failed', time: 3, trial: 't', stage: 'ae', error: 'loss became NaN at epoch 2' });
  writer.onEvent({ type: 'stage_skipped', time: 3, trial: 't', stage: 'cnn', reason: 'an earlier stage failed' });
  writer.onEvent({ type: 'run_finished', time: 4, trial: 't', status: 'failed', error: 'loss became NaN at epoch 2' });
  await writer.flush();
  const { record: saved, metrics } = await readRun(dir);
  assert.equal(saved.status, 'failed');
  assert.equal(saved.error, 'loss became NaN at epoch 2');
  assert.equal(saved.stages.ae?.status, 'failed');
  assert.equal(saved.stages.cnn?.status, 'skipped');
  assert.equal(metrics.length, 1);
});

test('a metrics file cut in the middle of its last line still reads, without that line', async () => {
  const dir = await folder();
  const writer = await RunFolderWriter.create(dir, record(), {});
  writer.onEvent({
    type: 'epoch',
    time: 2,
    trial: 't',
    stage: 'ae',
    epoch: 1,
    epochs: 5,
    metrics: { loss: 0.5 },
    seconds: 1,
  });
  await writer.flush();
  await appendFile(path.join(dir, 'metrics.jsonl'), '{"stage":"ae","key":"lo');
  const { metrics } = await readRun(dir);
  assert.deepEqual(
    metrics.map((m) => m.value),
    [0.5],
  );
});

test('run ids sort by time and differ between runs started in the same second', () => {
  const now = new Date('2026-11-28T03:15:02Z');
  const a = newRunId('exp', now);
  const b = newRunId('exp', now);
  assert.match(a, /^20261128-031502-exp-[0-9a-f]{6}$/);
  assert.notEqual(a, b);
  assert.equal(new Set(Array.from({ length: 20 }, () => newRunId('exp', now))).size, 20);
  assert.ok(newRunId('exp', new Date('2026-11-28T03:15:03Z')) > a.slice(0, 15));
});
