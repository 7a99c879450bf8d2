import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { startWorker } from '../../support/queue-workers.js';
import { haveRedis } from '../../support/redis-server.js';
import { readJson } from '../../support/runs.js';

const bed = queueTestbed();

type Summary = { trials: { id: string; status: string; metrics: Record<string, number> }[] };

test(
  "a sweep's results through the queue equal the local executor's for the same file and seed",
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    bed.workers.push(await startWorker(bed.redis.url, bed.runsDir));
    const { dir } = await writeExperiment(
      tinySweep('  grid: { stages.ae.latent: [4, 8] }\n  parallel: 2'),
      'sweep.yaml',
    );
    // Both sides compute every stage (no cache), each trial on one wasm thread.
    const local = await runCli(
      ['run', 'sweep.yaml', '--backend', 'wasm', '--no-cache', '--runs', path.join(dir, 'local-runs')],
      dir,
    );
    assert.equal(local.code, 0, local.stderr);
    const queued = await runCli(
      ['run', 'sweep.yaml', '--backend', 'wasm', '--no-cache', '--runs', bed.runsDir, '--queue', bed.redis.url],
      dir,
    );
    assert.equal(queued.code, 0, queued.stderr);
    const summaryOf = async (out: string) =>
      readJson<Summary>(path.join(/report: (.*)\/report\.html$/m.exec(out)![1]!, 'summary.json'));
    const [a, b] = await Promise.all([summaryOf(local.stdout), summaryOf(queued.stdout)]);
    assert.deepEqual(
      b.trials.map((t) => [t.id, t.status, t.metrics]),
      a.trials.map((t) => [t.id, t.status, t.metrics]),
    );
  },
);
