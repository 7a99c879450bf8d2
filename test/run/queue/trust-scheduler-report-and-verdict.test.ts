import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeVersion } from '../../../src/plan/code-version.js';
import { QUEUE_NAME } from '../../../src/run/queue/connection.js';
import { QueueExecutor } from '../../../src/run/queue/queue-executor.js';
import { parseQueueUrl } from '../../../src/run/queue/redis-url.js';
import { jobIdFor } from '../../../src/run/queue/trial-job.js';
import { awaitVerdict, verdictKey } from '../../../src/run/queue/verdicts.js';
import type { EpochReport } from '../../../src/types/run-events.js';
import { ASHA_SWEEP, writeExperiment } from '../../support/experiment-file.js';
import { plantSweepFolder } from '../../support/forged-sweep.js';
import { jobFor, planFile, trialRecord } from '../../support/queue-plan.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { redisSkipReason } from '../../support/redis-server.js';

const bed = queueTestbed();
const REQUEST = '0123456789abcdef';

test(
  "the submitter judges only a report of the trial's own scheduled stage with an epoch in range and a number; anything else in a job's progress is refused and not answered",
  { skip: redisSkipReason(), timeout: 60_000 },
  async () => {
    const { file } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const sweep = 'sweep-asha-forged';
    await plantSweepFolder(bed.runsDir, sweep);
    const refused: string[] = [];
    const judged: EpochReport[] = [];
    const address = parseQueueUrl(bed.redis.url);
    assert.ok(address.ok);
    const executor = await QueueExecutor.open({
      address: address.value,
      runsDir: bed.runsDir,
      sweep,
      code: await codeVersion(),
      recordFor: (t) => ({ ...trialRecord(sweep, t) }),
      report: (line) => refused.push(line),
    });
    const connection = new Redis(bed.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      // No worker: the job waits, and the attacker writes its progress as a worker would.
      const job = { ...jobFor(bed.runsDir, sweep, trial), schedule: { stage: 'ae', metric: 'val_loss' } };
      void executor.run(
        job,
        () => undefined,
        (report) => {
          judged.push(report);
          return Promise.resolve({ decision: 'stop', reason: 'judged by the test' });
        },
      );
      const id = jobIdFor(sweep, trial.id);
      let queued: Job | undefined;
      while (!(queued = await queue.getJob(id))) await sleep(50);

      const honest = { trial: trial.id, stage: 'ae', epoch: 1, value: 0.25, request: REQUEST };
      const forged: [string, unknown][] = [
        ['another trial', { ...honest, trial: 't001' }],
        ['another stage', { ...honest, stage: 'clf' }],
        ['epoch 0', { ...honest, epoch: 0 }],
        ['an epoch past the budget', { ...honest, epoch: 4 }],
        ['a fractional epoch', { ...honest, epoch: 1.5 }],
        ['a string value', { ...honest, value: '0.25' }],
        ['an extra field', { ...honest, key: 'aelab:other' }],
        ['a request naming another key', { ...honest, request: '../x' }],
        ['no object', 'stop'],
      ];
      for (const [, report] of forged) await queued.updateProgress({ worker: 'forger', report } as object);
      await queued.updateProgress({ worker: 'honest', report: honest });
      const key = verdictKey(id, REQUEST);
      const answer = await connection.blpop(key, 10);
      assert.deepEqual(JSON.parse(answer![1]) as unknown, { decision: 'stop', reason: 'judged by the test' });

      assert.deepEqual(
        judged,
        [{ trial: trial.id, stage: 'ae', epoch: 1, value: 0.25 }],
        'only the honest report was judged',
      );
      assert.equal(refused.length, forged.length, refused.join('\n'));
      for (const line of refused) assert.match(line, new RegExp(`^a scheduler report for ${id} was refused: `));
      assert.deepEqual(await connection.keys('aelab:verdict:*'), [], 'nothing answered the forged reports');
    } finally {
      await executor.close();
      await queue.close();
      connection.disconnect();
    }
  },
);

test(
  'a worker waiting for a verdict refuses anything on its list that is not exactly a verdict, takes the real one after it, and sends its report again while nothing comes',
  { skip: redisSkipReason(), timeout: 30_000 },
  async () => {
    const pusher = new Redis(bed.redis.url);
    const waiting = new Redis(bed.redis.url);
    try {
      const key = verdictKey('sweep-x/t000', REQUEST);
      const forged = [
        'not json',
        '["continue"]',
        '{"decision":"stop"}',
        '{"decision":"stop","reason":""}',
        '{"decision":"continue","reason":"x"}',
        '{"decision":"halt"}',
      ];
      await pusher.rpush(key, ...forged, '{"decision":"stop","reason":"below the cutoff"}');
      const refused: string[] = [];
      const verdict = await awaitVerdict(waiting, key, 5000, (why) => refused.push(why));
      assert.deepEqual(verdict, { decision: 'stop', reason: 'below the cutoff' });
      assert.equal(refused.length, forged.length, refused.join('\n'));
      for (const line of refused) assert.match(line, /^a verdict on aelab:verdict:sweep-x\/t000:\S+ was refused: /);

      // Nothing valid in time: no verdict, after the timeout and not much later; meanwhile the
      // report was sent again (for a submitter that started following after it went out).
      await pusher.rpush(key, '{"decision":"continue","x":1}');
      const started = Date.now();
      let resent = 0;
      const none = await awaitVerdict(
        waiting,
        key,
        1000,
        (why) => refused.push(why),
        () => resent++,
        300,
      );
      assert.equal(none, undefined);
      const waited = Date.now() - started;
      assert.ok(waited >= 900 && waited < 3000, `waited ${waited} ms`);
      // Redis checks blocking timeouts about every 100 ms, so a slice may run a little long.
      assert.ok(
        resent >= 2 && resent <= 3,
        `sent again every 300 ms of silence until the deadline, not ${resent} times`,
      );
    } finally {
      pusher.disconnect();
      waiting.disconnect();
    }
  },
);
