import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { runCli } from '../../support/cli.js';
import { tinySweep, writeExperiment } from '../../support/experiment-file.js';
import { startWorker } from '../../support/queue-workers.js';
import { queueTestbed } from '../../support/queue-sweep.js';
import { haveRedis } from '../../support/redis-server.js';

const PASSWORD = 'pw-Zq81-never-on-disk';
const bed = queueTestbed({ password: PASSWORD });

test(
  'the Redis password (from the URL or the environment) appears in no file under runs/, no output and no job',
  { skip: !haveRedis() && 'redis-server is not installed', timeout: 180_000 },
  async () => {
    // The worker gets it in its URL, the submitter from the environment.
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4, 8] }'), 'sweep.yaml');
    const bare = `redis://127.0.0.1:${bed.redis.port}`;
    const result = await runCli(['run', 'sweep.yaml', '--runs', bed.runsDir, '--backend', 'wasm'], dir, {
      AELAB_QUEUE: bare,
      AELAB_REDIS_PASSWORD: PASSWORD,
    });
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /on the queue redis:\/\/127\.0\.0\.1:\d+ ->/);

    const files = (await readdir(bed.runsDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    assert.ok(files.length > 20, `the sweep wrote its files (${files.length})`);
    for (const f of files) {
      const bytes = await readFile(path.join(f.parentPath, f.name));
      assert.ok(!bytes.includes(PASSWORD), `${path.join(f.parentPath, f.name)} holds the password`);
    }
    for (const text of [result.stdout, result.stderr, worker.output()]) assert.ok(!text.includes(PASSWORD));
    // Nor do the jobs, which anyone who can read the queue can read.
    const client = new Redis(bed.redis.url);
    try {
      const keys = await client.keys('bull:aelab-trials:*');
      for (const key of keys) {
        if ((await client.type(key)) !== 'hash') continue;
        assert.ok(!JSON.stringify(await client.hgetall(key)).includes(PASSWORD), `${key} holds the password`);
      }
    } finally {
      client.disconnect();
    }

    // A wrong password is one clear line without it.
    const wrong = await runCli(
      ['run', 'sweep.yaml', '--runs', bed.runsDir, '--queue', `redis://:wrong-${PASSWORD}@127.0.0.1:${bed.redis.port}`],
      dir,
    );
    assert.notEqual(wrong.code, 0);
    assert.ok(!(wrong.stdout + wrong.stderr).includes(PASSWORD), wrong.stderr);
  },
);
