import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, runCli } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed, startsOnQueue } from '../../support/queue-sweep.js';
import { haveRedis } from '../../support/redis-server.js';
import { readJson } from '../../support/runs.js';

const bed = queueTestbed();

type Sweep = { status: string; trials: Record<string, { status: string; worker?: string }> };

test(
  'the submitter killed mid-sweep leaves its trials to the workers; runs show says where each is; aelab resume reattaches and collects them, each run once',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [2, 4, 8] }'), 'sweep.yaml');
    const submitter = spawn(
      process.execPath,
      [CLI, 'run', 'sweep.yaml', '--queue', bed.redis.url, '--runs', bed.runsDir, '--backend', 'wasm'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    submitter.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise((resolve) => submitter.on('close', resolve));
    // Killed once the worker has a trial under way; the other two still wait on the queue.
    await worker.waitFor(/t000: started/);
    submitter.kill('SIGKILL');
    await exited;
    const sweepId = /sweep (\S+):/.exec(out)![1]!;
    const before = await readJson<Sweep>(path.join(bed.runsDir, sweepId, 'run.json'));
    assert.equal(before.status, 'running');
    assert.ok(
      Object.values(before.trials).every((t) => t.status === 'pending' || t.status === 'running'),
      JSON.stringify(before.trials),
    );

    // The one worker takes the trials one at a time: runs show sees one running and the last waiting.
    const shown = await runCli(['runs', 'show', sweepId, '--runs', bed.runsDir], dir);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^ {2}t002 {2}waiting +latent=8$/m);
    assert.match(shown.stdout, /^[* ] t00[01] {2}(running|finished) +latent=\d {2}on \S+:\d+/m);

    const resumed = await runCli(['resume', sweepId, '--queue', bed.redis.url, '--runs', bed.runsDir], dir);
    assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
    assert.match(
      resumed.stdout,
      /resuming \S+ on the queue redis:\/\/127\.0\.0\.1:\d+: following 3 of 3 trials \(t000, t001, t002\)/,
    );
    assert.match(resumed.stdout, /^\* best trial by/m);
    const done = await readJson<Sweep>(path.join(bed.runsDir, sweepId, 'run.json'));
    assert.equal(done.status, 'finished');
    assert.deepEqual(
      Object.values(done.trials).map((t) => t.status),
      ['finished', 'finished', 'finished'],
    );
    assert.deepEqual(
      await startsOnQueue(bed.redis.url, sweepId, ['t000', 't001', 't002']),
      [1, 1, 1],
      'no trial ran twice',
    );
  },
);
