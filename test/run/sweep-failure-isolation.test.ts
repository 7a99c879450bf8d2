import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders, type TrialRecord } from '../support/runs.js';

// The middle trial is a linear autoencoder under plain SGD at a learning rate of 100: its loss
// blows up in the first epoch (past 1e6, where training stops, or to infinity), and the trial
// fails at run time.
const SWEEP = tinySweep(`  zip:
    stages.ae.activation: [relu, linear, relu]
    stages.ae.output_activation: [sigmoid, linear, sigmoid]
    stages.ae.train.loss: [binary_crossentropy, mse, binary_crossentropy]
    stages.ae.train.optimizer: [{ name: adam }, { name: sgd, learning_rate: 100 }, { name: adam }]
  parallel: 1`);

test('a failing trial is reported when it happens, and the other trials go on', async () => {
  const { dir } = await writeExperiment(SWEEP, 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml'], dir);
  assert.equal(result.code, 1, 'the sweep as a whole failed');
  const failedAt = result.stdout.indexOf('t001 FAILED');
  assert.ok(failedAt >= 0, result.stdout);
  assert.ok(
    failedAt < result.stdout.indexOf('t002 ae: started'),
    'the failure was printed before the next trial started',
  );
  const [sweepDir] = await runFolders(dir);
  const trials = await Promise.all(
    ['t000', 't001', 't002'].map((t) => readJson<TrialRecord>(path.join(sweepDir!, 'trials', t, 'run.json'))),
  );
  assert.deepEqual(
    trials.map((t) => t.status),
    ['finished', 'failed', 'finished'],
  );
  assert.match(trials[1]!.error ?? '', /became (Infinity|NaN|\S+ \(above 1e\+6).*lower learning rate/);
  assert.equal(trials[1]!.stages.clf?.status, 'skipped');
  const sweep = await readJson<{ status: string }>(path.join(sweepDir!, 'run.json'));
  assert.equal(sweep.status, 'failed');
});

test('--fail-fast stops the sweep at the first failure', async () => {
  const { dir } = await writeExperiment(SWEEP, 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml', '--fail-fast', '--no-cache'], dir);
  assert.notEqual(result.code, 0);
  const [sweepDir] = await runFolders(dir);
  const sweep = await readJson<{ trials: Record<string, { status: string }> }>(path.join(sweepDir!, 'run.json'));
  assert.deepEqual(
    Object.values(sweep.trials).map((t) => t.status),
    ['finished', 'failed', 'killed'],
  );
});
