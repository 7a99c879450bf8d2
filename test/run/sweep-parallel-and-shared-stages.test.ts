import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sweepTrialThreads } from '../../src/backend/threads.js';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders, type TrialRecord } from '../support/runs.js';

test('a sweep runs its trials in parallel processes and computes the stages they share once', async () => {
  const { dir } = await writeExperiment(
    tinySweep('  grid: { stages.ae.latent: [4, 8, 16] }\n  parallel: 2'),
    'sweep.yaml',
  );
  // On wasm (the backend every machine has), so that the trials' thread shares are checked.
  const result = await runCli(['run', 'sweep.yaml', '--backend', 'wasm'], dir, { AELAB_WASM_THREADS: '' });
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const [sweepDir] = await runFolders(dir);
  const sweep = await readJson<{
    kind: string;
    status: string;
    trials: Record<string, { status: string; assignment: Record<string, unknown> }>;
  }>(path.join(sweepDir!, 'run.json'));
  assert.equal(sweep.kind, 'sweep');
  assert.equal(sweep.status, 'finished');
  assert.deepEqual(
    Object.values(sweep.trials).map((t) => t.assignment['stages.ae.latent']),
    [4, 8, 16],
  );

  const trials = await Promise.all(
    ['t000', 't001', 't002'].map((t) => readJson<TrialRecord>(path.join(sweepDir!, 'trials', t, 'run.json'))),
  );
  for (const t of trials) assert.equal(t.status, 'finished');
  // Trials running at once get one thread each (sweepTrialThreads: the measurements say why).
  const threads = await Promise.all(
    ['t000', 't001', 't002'].map(
      async (t) =>
        (await readJson<{ environment: { threads?: number } }>(path.join(sweepDir!, 'trials', t, 'run.json')))
          .environment.threads,
    ),
  );
  assert.deepEqual(
    threads,
    [0, 1, 2].map(() => sweepTrialThreads(os.availableParallelism(), 2)),
  );
  // Each trial carries all its own params, not only the swept one.
  const params = await readJson<Record<string, unknown>>(path.join(sweepDir!, 'trials', 't001', 'params.json'));
  assert.equal(params['stages.ae.latent'], 8);
  assert.equal(params['stages.clf.arch'], 'dense');

  // The baseline classifier does not depend on the latent size: computed by one trial, reused by the others.
  const computed = trials.filter((t) => t.stages.clf_raw!.cached === false).length;
  assert.equal(computed, 1, 'clf_raw trained once');
  assert.equal(
    trials.filter((t) => t.stages.ae!.cached === false).length,
    3,
    'each latent size trains its own autoencoder',
  );
  const accs = new Set(trials.map((t) => t.stages.clf_raw!.metrics.test_acc));
  assert.equal(accs.size, 1, 'the shared stage reports the same result in every trial');

  // With parallel 2, the first two trials were running at the same time.
  const spans = trials.map((t) => [Date.parse(t.start_time), Date.parse(t.end_time!)] as const);
  const overlap = Math.min(spans[0]![1], spans[1]![1]) - Math.max(spans[0]![0], spans[1]![0]);
  assert.ok(overlap > 0, `t000 ${spans[0]} and t001 ${spans[1]} overlap`);

  const summary = await readJson<{ best?: string; trials: { id: string; metrics: Record<string, number> }[] }>(
    path.join(sweepDir!, 'summary.json'),
  );
  assert.equal(summary.trials.length, 3);
  assert.ok(summary.best && ['t000', 't001', 't002'].includes(summary.best));
  assert.match(result.stdout, /^\* best trial by clf\.test_acc/m);

  // Rerunning the unchanged sweep trains nothing.
  const again = await runCli(['run', 'sweep.yaml', '--backend', 'wasm'], dir, { AELAB_WASM_THREADS: '' });
  assert.equal(again.code, 0, again.stderr);
  const [, second] = (await runFolders(dir)).sort();
  const rerun = await Promise.all(
    ['t000', 't001', 't002'].map((t) => readJson<TrialRecord>(path.join(second!, 'trials', t, 'run.json'))),
  );
  for (const t of rerun) for (const s of Object.values(t.stages)) assert.equal(s.cached, true);
});
