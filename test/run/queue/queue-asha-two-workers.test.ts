import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Asha } from '../../../src/plan/asha.js';
import type { AshaState } from '../../../src/types/scheduler.js';
import { runCli } from '../../support/cli.js';
import { writeExperiment } from '../../support/experiment-file.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { redisSkipReason } from '../../support/redis-server.js';
import { readJson } from '../../support/runs.js';

const bed = queueTestbed();

// Two learning rates that train, four that barely move: the small ones reach rung 1 after the
// good ones (the workers take the trials in order) and fall below the median there.
const SWEEP = `name: asha-queue
seed: 3
data:
  digits: { source: mnist, train: 200, test: 100, validation: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
    train: { epochs: 4, batch_size: 50, optimizer: { name: adam, learning_rate: 0.01 } }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [16]
    train: { epochs: 1, batch_size: 50 }
sweep:
  grid: { stages.ae.train.optimizer.learning_rate: [0.01, 0.003, 0.00001, 0.000003, 0.000001, 0.0000003] }
  scheduler: { type: asha, stage: ae, metric: val_loss, mode: min, min_epochs: 1, reduction_factor: 2 }
`;

type Sweep = {
  status: string;
  trials: Record<string, { status: string; stopped?: { stage: string; epoch: number; reason: string } }>;
};
type Trial = { status: string; worker: string; stages: Record<string, { status: string; epoch?: number }> };

test(
  'an ASHA sweep through two queue workers: the submitter judges every epoch report, stopped trials end stopped at their rung, and resume leaves them stopped',
  { skip: redisSkipReason(), timeout: 300_000 },
  async () => {
    bed.workers.push(...(await Promise.all([0, 1].map(() => startWorker(bed.redis.url, bed.runsDir)))));
    const { dir } = await writeExperiment(SWEEP, 'sweep.yaml');
    const result = await runCli(
      ['run', 'sweep.yaml', '--queue', bed.redis.url, '--runs', bed.runsDir, '--backend', 'wasm'],
      dir,
    );
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(
      result.stdout,
      /t00\d ae: stopped by the scheduler after epoch [12]\/4: val_loss [0-9.]+ at epoch [12]/,
    );
    const sweepId = /sweep (\S+):/.exec(result.stdout)![1]!;
    const sweepDir = path.join(bed.runsDir, sweepId);

    const sweep = await readJson<Sweep>(path.join(sweepDir, 'run.json'));
    assert.equal(sweep.status, 'finished', 'stopped trials are not failures');
    const ids = Object.keys(sweep.trials);
    assert.equal(ids.length, 6);
    const stopped = ids.filter((id) => sweep.trials[id]!.status === 'stopped');
    const finished = ids.filter((id) => sweep.trials[id]!.status === 'finished');
    assert.equal(stopped.length + finished.length, 6, JSON.stringify(sweep.trials));
    assert.ok(stopped.length >= 1 && finished.length >= 1, JSON.stringify(sweep.trials));

    // The log in the sweep's folder is the submitter's: every report judged once per rung, in
    // arrival order, replaying to the same decisions; its stops are exactly the stopped trials.
    const state = await readJson<AshaState>(path.join(sweepDir, 'scheduler.json'));
    assert.deepEqual(state.settings.max_epochs, 4);
    const replay = new Asha(state.settings);
    for (const r of state.log) assert.equal(replay.report(r.trial, r.epoch, r.value), r.decision, r.trial);
    const stops = state.log.filter((r) => r.decision === 'stop');
    assert.deepEqual(stops.map((r) => r.trial).sort(), [...stopped].sort());
    assert.equal(state.log.filter((r) => r.rung === 1).length, 6, 'every trial was judged at rung 1');

    const workers = new Set<string>();
    for (const r of stops) {
      const record = sweep.trials[r.trial]!;
      assert.deepEqual([record.stopped?.stage, record.stopped?.epoch], ['ae', r.rung], r.trial);
      const trial = await readJson<Trial>(path.join(sweepDir, 'trials', r.trial, 'run.json'));
      workers.add(trial.worker);
      assert.equal(trial.status, 'stopped');
      assert.equal(trial.stages.ae?.status, 'stopped');
      assert.equal(trial.stages.ae?.epoch, r.rung);
      assert.equal(trial.stages.clf?.status, 'skipped', 'the stages after the scheduled one do not run');
      const steps = (await readFile(path.join(sweepDir, 'trials', r.trial, 'metrics.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { step: number }).step);
      assert.equal(Math.max(...steps), r.rung, `${r.trial} trained no epoch past its rung`);
    }
    for (const id of finished) {
      const trial = await readJson<Trial>(path.join(sweepDir, 'trials', id, 'run.json'));
      workers.add(trial.worker);
      assert.equal(trial.stages.clf?.status, 'finished', id);
    }
    assert.equal(workers.size, 2, 'both workers ran trials');

    const ls = await runCli(['runs', 'ls', '--runs', bed.runsDir], dir);
    assert.match(ls.stdout, new RegExp(`sweep \\(6 trials, ${stopped.length} stopped\\) +finished`));
    const show = await runCli(['runs', 'show', `${sweepId}/${stopped[0]!}`, '--runs', bed.runsDir], dir);
    assert.match(show.stdout, /status +stopped/);
    assert.match(show.stdout, /ae +stopped +at epoch [12]\/4 by the scheduler/);

    const resumed = await runCli(['resume', sweepId, '--runs', bed.runsDir, '--queue', bed.redis.url], dir);
    assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
    assert.match(resumed.stdout, /following 0 of 6 trials \(none\)/);
    const after = await readJson<Sweep>(path.join(sweepDir, 'run.json'));
    for (const id of stopped) assert.equal(after.trials[id]!.status, 'stopped', id);
    assert.deepEqual((await readJson<AshaState>(path.join(sweepDir, 'scheduler.json'))).log, state.log);
  },
);
