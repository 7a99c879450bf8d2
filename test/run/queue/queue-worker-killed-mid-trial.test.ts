import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { haveRedis } from '../../support/redis-server.js';
import { startWorker } from '../../support/queue-workers.js';
import { readJson, type TrialRecord } from '../../support/runs.js';
import { queueTestbed } from '../../support/queue-sweep.js';

const bed = queueTestbed();

test(
  'a worker killed with SIGKILL mid-trial loses the trial to another worker, which replaces the partial folder and finishes it',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    // One trial, long enough (3 epochs of the autoencoder) to be killed in the middle.
    const { file } = await writeExperiment(
      tinySweep('  grid: { stages.ae.latent: [8] }').replace(
        'train: { epochs: 1, batch_size: 50 }',
        'train: { epochs: 3, batch_size: 20 }',
      ),
      'sweep.yaml',
    );
    const plan = await planFile(file);
    const first = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(first);
    const done = submitAll(bed.redis.url, bed.runsDir, 'sweep-k', plan);

    // Kill the first worker once the trial has logged an epoch of its autoencoder.
    const trialDir = path.join(bed.runsDir, 'sweep-k', 'trials', 't000');
    for (let i = 0; ; i++) {
      const metrics = await readFile(path.join(trialDir, 'metrics.jsonl'), 'utf8').catch(() => '');
      if (metrics.includes('"stage":"ae"')) break;
      assert.ok(i < 1200, `the trial never got going:\n${first.output()}`);
      await sleep(50);
    }
    await first.kill();
    const killedAttempt = await readJson<TrialRecord & { worker: string }>(path.join(trialDir, 'run.json'));
    assert.equal(killedAttempt.status, 'running', 'nobody recorded the killed attempt as ended');

    const second = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(second);
    const outcomes = await done;
    assert.equal(outcomes.get('t000')?.status, 'finished', JSON.stringify([...outcomes]) + second.output());

    const trial = await readJson<TrialRecord & { worker: string; attempt: number }>(path.join(trialDir, 'run.json'));
    assert.equal(trial.status, 'finished');
    assert.notEqual(trial.worker, killedAttempt.worker, 'finished by the other worker');
    assert.equal(trial.attempt, 2);
    assert.match(second.output(), /sweep-k t000: started \(attempt 2 of 3\)/);
    // The folder holds the second attempt only: each epoch of the autoencoder logged once.
    const lines = (await readFile(path.join(trialDir, 'metrics.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { stage: string; key: string; step: number });
    const aeLoss = lines.filter((l) => l.stage === 'ae' && l.key === 'loss').map((l) => l.step);
    assert.deepEqual(aeLoss, [1, 2, 3]);
  },
);
