import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { planFile, submitAll } from '../../support/queue-plan.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { startWorker } from '../../support/queue-workers.js';
import { haveRedis } from '../../support/redis-server.js';
import { readJson, type TrialRecord } from '../../support/runs.js';

const bed = queueTestbed();

test(
  'SIGTERM stops a worker taking trials; a running trial past its grace goes back to the queue, without using an attempt, and another worker finishes it',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 180_000 },
  async () => {
    const { file } = await writeExperiment(
      tinySweep('  grid: { stages.ae.latent: [8] }').replace(
        'train: { epochs: 1, batch_size: 50 }',
        'train: { epochs: 3, batch_size: 20 }',
      ),
      'sweep.yaml',
    );
    const plan = await planFile(file);
    const first = await startWorker(bed.redis.url, bed.runsDir, ['--grace', '0']);
    bed.workers.push(first);
    const done = submitAll(bed.redis.url, bed.runsDir, 'sweep-t', plan);
    const trialDir = path.join(bed.runsDir, 'sweep-t', 'trials', 't000');
    for (let i = 0; ; i++) {
      if ((await readFile(path.join(trialDir, 'metrics.jsonl'), 'utf8').catch(() => '')).includes('"stage":"ae"'))
        break;
      assert.ok(i < 1200, `the trial never got going:\n${first.output()}`);
      await sleep(50);
    }
    assert.equal(await first.stop(), 0, first.output());
    assert.match(first.output(), /SIGTERM: taking no more trials/);
    assert.match(first.output(), /sweep-t t000: handed back to the queue/);
    const handedBack = await readJson<TrialRecord>(path.join(trialDir, 'run.json'));
    assert.equal(handedBack.status, 'killed');

    const second = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(second);
    const outcomes = await done;
    assert.equal(outcomes.get('t000')?.status, 'finished', second.output());
    const trial = await readJson<TrialRecord & { attempt: number }>(path.join(trialDir, 'run.json'));
    assert.equal(trial.status, 'finished');
    assert.equal(trial.attempt, 1, 'a trial handed back does not use up an attempt');
  },
);
