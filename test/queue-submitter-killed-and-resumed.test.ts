import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, runCli } from './support/cli.js';
import { tinySweep, writeExperiment } from './support/experiment-file.js';
import { startWorker, type WorkerProcess } from './support/queue-workers.js';
import { sharedRunsDir, startsOnQueue } from './support/queue-sweep.js';
import { haveRedis, startRedis, type RedisServer } from './support/redis-server.js';
import { readJson } from './support/runs.js';

let redis: RedisServer | undefined;
const workers: WorkerProcess[] = [];
let runsDir = '';

before(async () => {
  if (!haveRedis()) return;
  redis = await startRedis();
  runsDir = await sharedRunsDir();
});
after(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await redis?.dispose();
  if (runsDir) await rm(runsDir, { recursive: true, force: true });
});

type Sweep = { status: string; trials: Record<string, { status: string; worker?: string }> };

test(
  'the submitter killed mid-sweep leaves its trials to the workers; runs show says where each is; aelab resume reattaches and collects them, each run once',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 240_000 },
  async () => {
    const worker = await startWorker(redis!.url, runsDir);
    workers.push(worker);
    const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [2, 4, 8] }'), 'sweep.yaml');
    const submitter = spawn(
      process.execPath,
      [CLI, 'run', 'sweep.yaml', '--queue', redis!.url, '--runs', runsDir, '--backend', 'wasm'],
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
    const before = await readJson<Sweep>(path.join(runsDir, sweepId, 'run.json'));
    assert.equal(before.status, 'running');
    assert.ok(
      Object.values(before.trials).every((t) => t.status === 'pending' || t.status === 'running'),
      JSON.stringify(before.trials),
    );

    // The one worker takes the trials one at a time: runs show sees one running and the last waiting.
    const shown = await runCli(['runs', 'show', sweepId, '--runs', runsDir], dir);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^ {2}t002 {2}waiting +latent=8$/m);
    assert.match(shown.stdout, /^[* ] t00[01] {2}(running|finished) +latent=\d {2}on \S+:\d+/m);

    const resumed = await runCli(['resume', sweepId, '--queue', redis!.url, '--runs', runsDir], dir);
    assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
    assert.match(
      resumed.stdout,
      /resuming \S+ on the queue redis:\/\/127\.0\.0\.1:\d+: following 3 of 3 trials \(t000, t001, t002\)/,
    );
    assert.match(resumed.stdout, /^\* best trial by/m);
    const done = await readJson<Sweep>(path.join(runsDir, sweepId, 'run.json'));
    assert.equal(done.status, 'finished');
    assert.deepEqual(
      Object.values(done.trials).map((t) => t.status),
      ['finished', 'finished', 'finished'],
    );
    assert.deepEqual(
      await startsOnQueue(redis!.url, sweepId, ['t000', 't001', 't002']),
      [1, 1, 1],
      'no trial ran twice',
    );
  },
);
