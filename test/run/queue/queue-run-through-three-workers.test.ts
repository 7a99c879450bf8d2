import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed, startsOnQueue } from '../../support/queue-sweep.js';
import { haveRedis } from '../../support/redis-server.js';
import { readJson, type TrialRecord } from '../../support/runs.js';

const bed = queueTestbed();

type Sweep = {
  status: string;
  settings: { queue?: { url: string } };
  trials: Record<string, { status: string; worker?: string }>;
};

test(
  'aelab run --queue spreads a sweep over three workers: every trial finished exactly once, the shared stage computed once, summary and report as today',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    bed.workers.push(...(await Promise.all([0, 1, 2].map(() => startWorker(bed.redis.url, bed.runsDir)))));
    const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [2, 4, 8, 16] }'), 'sweep.yaml');
    const result = await runCli(
      ['run', 'sweep.yaml', '--queue', bed.redis.url, '--runs', bed.runsDir, '--backend', 'wasm'],
      dir,
    );
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /sweep \S+: 4 trials, on the queue redis:\/\/127\.0\.0\.1:\d+ ->/);
    assert.match(result.stdout, /^t00\d: running on \S+:\d+$/m);
    assert.match(result.stdout, /^t003 ae epoch 1\/1 loss=/m, "the workers' progress reaches the submitter");
    assert.match(result.stdout, /^\* best trial by clf\.test_acc/m);
    assert.match(result.stdout, /^report: .*report\.html$/m);

    const sweepId = /sweep (\S+):/.exec(result.stdout)![1]!;
    const sweepDir = path.join(bed.runsDir, sweepId);
    const sweep = await readJson<Sweep>(path.join(sweepDir, 'run.json'));
    assert.equal(sweep.status, 'finished');
    assert.equal(sweep.settings.queue?.url, bed.redis.url);
    const ids = Object.keys(sweep.trials);
    assert.deepEqual(ids, ['t000', 't001', 't002', 't003']);
    const trials = await Promise.all(
      ids.map((t) =>
        readJson<TrialRecord & { worker: string; attempt: number }>(path.join(sweepDir, 'trials', t, 'run.json')),
      ),
    );
    for (const [i, t] of trials.entries()) {
      assert.equal(t.status, 'finished');
      assert.equal(t.attempt, 1);
      assert.equal(sweep.trials[ids[i]!]!.worker, t.worker, 'the sweep records the worker that ran the trial');
    }
    // Exactly once: started once on the queue, and named once in all the workers' logs.
    assert.deepEqual(await startsOnQueue(bed.redis.url, sweepId, ids), [1, 1, 1, 1]);
    const logs = bed.workers.map((w) => w.output()).join('');
    for (const t of ids) assert.equal(logs.match(new RegExp(`${sweepId} ${t}: finished`, 'g'))?.length, 1, logs);
    assert.ok(
      new Set(trials.map((t) => t.worker)).size >= 2,
      `more than one worker took trials: ${trials.map((t) => t.worker)}`,
    );

    // The baseline classifier does not depend on the latent size: one worker trained it, the others waited for its entry.
    assert.equal(
      trials.filter((t) => t.stages.clf_raw!.cached === false).length,
      1,
      'clf_raw trained once across the workers',
    );
    assert.equal(new Set(trials.map((t) => t.stages.clf_raw!.metrics.test_acc)).size, 1);
    const summary = await readJson<{ trials: { id: string; status: string }[] }>(path.join(sweepDir, 'summary.json'));
    assert.deepEqual(
      summary.trials.map((t) => t.status),
      ['finished', 'finished', 'finished', 'finished'],
    );

    const shown = await runCli(['runs', 'show', sweepId, '--runs', bed.runsDir], dir);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /trials \(on the queue redis:\/\/127\.0\.0\.1:\d+\):/);
    assert.match(shown.stdout, /^[* ] t002 {2}finished +latent=8 {2}on \S+:\d+( |$)/m);
  },
);
