import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Asha } from '../../src/plan/asha.js';
import type { AshaState } from '../../src/types/scheduler.js';
import { runCli } from '../support/cli.js';
import { ASHA_SWEEP, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders } from '../support/runs.js';

type Sweep = {
  status: string;
  trials: Record<string, { status: string; stopped?: { stage: string; epoch: number; reason: string } }>;
};
type Trial = {
  status: string;
  stages: Record<string, { status: string; epoch?: number; epochs?: number; reason?: string }>;
};

test('an ASHA sweep stops the trials outside the top third at a rung, records them as stopped, and shows them', async () => {
  const { dir } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml'], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(
    result.stdout,
    /t001 ae: stopped by the scheduler after epoch 1\/3: val_loss [0-9.]+ at epoch 1 is outside the top 1\/3/,
  );
  assert.match(result.stdout, /t001 clf: skipped \(the scheduler stopped the trial in stage ae\)/);
  assert.match(result.stdout, /t001 STOPPED .*: at ae epoch 1/);
  assert.match(result.stdout, /t001 +0\.00001 .* stopped \(ae epoch 1\)/);
  const [sweepDir] = await runFolders(dir);

  // The sweep ended well: stopped trials are not failures.
  const sweep = await readJson<Sweep>(path.join(sweepDir!, 'run.json'));
  assert.equal(sweep.status, 'finished');
  assert.equal(sweep.trials.t000?.status, 'finished');
  for (const id of ['t001', 't002']) {
    assert.equal(sweep.trials[id]?.status, 'stopped', id);
    assert.equal(sweep.trials[id]?.stopped?.stage, 'ae');
    assert.equal(sweep.trials[id]?.stopped?.epoch, 1);
    const trial = await readJson<Trial>(path.join(sweepDir!, 'trials', id, 'run.json'));
    assert.equal(trial.status, 'stopped');
    assert.equal(trial.stages.ae?.status, 'stopped');
    assert.equal(trial.stages.ae?.epoch, 1);
    assert.equal(trial.stages.ae?.epochs, 3);
    assert.equal(trial.stages.clf?.status, 'skipped', 'the stages after the scheduled one do not run');
    const metrics = (await readFile(path.join(sweepDir!, 'trials', id, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stage: string; step: number });
    assert.deepEqual([...new Set(metrics.map((m) => m.step))], [1], 'it trained one epoch only');
  }

  // The decisions are logged in the sweep's folder, in arrival order, and replay to the same decisions.
  const state = await readJson<AshaState>(path.join(sweepDir!, 'scheduler.json'));
  assert.deepEqual(
    state.log.map((r) => [r.trial, r.rung]),
    [
      ['t000', 1],
      ['t001', 1],
      ['t002', 1],
      ['t003', 1],
    ],
  );
  assert.equal(state.log[0]!.decision, 'continue', 'the first trial at a rung goes on');
  const replay = new Asha(state.settings);
  for (const r of state.log) assert.equal(replay.report(r.trial, r.epoch, r.value), r.decision, r.trial);
  assert.equal(state.settings.max_epochs, 3);

  const ls = await runCli(['runs', 'ls'], dir);
  assert.match(ls.stdout, /sweep \(4 trials, [23] stopped\) +finished/);
  const show = await runCli(['runs', 'show', path.basename(sweepDir!)], dir);
  assert.match(show.stdout, /t001 +stopped +learning_rate=0\.00001 +\(at ae epoch 1: val_loss/);
  const showTrial = await runCli(['runs', 'show', `${path.basename(sweepDir!)}/t002`], dir);
  assert.match(showTrial.stdout, /status +stopped/);
  assert.match(showTrial.stdout, /ae +stopped +at epoch 1\/3 by the scheduler/);

  const report = await readFile(path.join(sweepDir!, 'report.html'), 'utf8');
  assert.match(report, /<section id="scheduler">/);
  assert.match(report, /Scheduler: ASHA/);
  assert.match(report, /rungs at\s+1\s+epochs/);
  assert.match(report, /<span class="badge stopped">stopped<\/span>/);
});
