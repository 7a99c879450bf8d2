import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Trial } from '../../src/plan/plan.js';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { addAndWait, honestJob, snapshot } from '../support/forged-jobs.js';
import { plantSweepFolder } from '../support/forged-sweep.js';
import { planFile } from '../support/queue-plan.js';
import { haveRedis } from '../support/redis-server.js';
import { startWorker } from '../support/queue-workers.js';
import { queueTestbed } from '../support/queue-sweep.js';

const bed = queueTestbed();
const skip = !haveRedis() && 'redis-server is not installed';
/** A service on this machine that only its own users should reach, and what it was asked. */
let service: Server;
let base = '';
const asked: string[] = [];
const SECRET = 'SECRET-internal-admin-token-7f3a';

before(async () => {
  service = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${SECRET}\n`.repeat(50));
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(service.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => service.close(() => resolve())));

test(
  'a job or a file naming a URL on this machine fetches nothing from it, and the error does not echo what a service there says',
  { skip, timeout: 120_000 },
  async () => {
    const { file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
    const trial = (await planFile(file)).trials[0]!;
    const url = { source: 'url', url: base };
    const forged = {
      ...trial,
      config: { ...trial.config, data: { digits: url } },
      nodes: trial.nodes.map((n) => (n.kind === 'data' ? { ...n, config: url } : n)),
    } as unknown as Trial;
    const worker = await startWorker(bed.redis.url, bed.runsDir);
    bed.workers.push(worker);
    await plantSweepFolder(bed.runsDir, 'sweep-u');
    const end = await addAndWait(bed.redis.url, 'sweep-u/t000', await honestJob('sweep-u', forged));
    const said = `${end.reason} ${JSON.stringify(end.value)} ${worker.output()}`;
    assert.ok(end.state === 'failed' || (end.value as { status?: string })?.status !== 'finished', said);
    assert.doesNotMatch(said, /SECRET/, 'nothing the service said is repeated');
    assert.deepEqual(asked, [], 'the worker asked the service nothing');
    assert.deepEqual(await snapshot(path.join(bed.runsDir, '.cache', 'data', 'downloads')), {}, 'nothing was kept');

    // The same from a file on the command line, unless this machine's operator allows the host.
    const yaml = tinySweep('  grid: { stages.ae.latent: [4] }').replace(
      '{ source: mnist, train: 200, test: 100 }',
      `{ source: url, url: "${base}" }`,
    );
    const local = await writeExperiment(yaml, 'local.yaml');
    const refused = await runCli(['run', local.file, '--runs', path.join(local.dir, 'runs')], local.dir);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr + refused.stdout, /127\.0\.0\.1.*(allow|AELAB_DOWNLOAD_ALLOW)/s);
    assert.doesNotMatch(refused.stderr + refused.stdout, /SECRET/);
    assert.deepEqual(asked, [], 'the command asked the service nothing');
    // Allowed explicitly, the host is asked; what it answers is not IDX, so it is not kept, and not echoed.
    const allowed = await runCli(['run', local.file, '--runs', path.join(local.dir, 'runs')], local.dir, {
      AELAB_DOWNLOAD_ALLOW: '127.0.0.1',
    });
    assert.notEqual(allowed.code, 0);
    assert.ok(asked.length > 0, 'allowed, the host is asked');
    assert.match(allowed.stderr + allowed.stdout, /not an IDX file/);
    assert.doesNotMatch(allowed.stderr + allowed.stdout, /SECRET/);
    const kept = await snapshot(path.join(local.dir, 'runs', '.cache', 'data', 'downloads'));
    assert.deepEqual(
      Object.keys(kept).filter((k) => kept[k] !== 'dir' && !k.endsWith('source.json')),
      [],
      'no download was kept',
    );
  },
);
