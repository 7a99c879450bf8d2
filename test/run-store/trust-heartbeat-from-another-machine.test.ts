import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';

/** A run folder whose recorder wrote `heartbeat`, as a run on a shared runs folder would be. */
async function plantRun(runs: string, id: string, heartbeat: Record<string, unknown>): Promise<void> {
  const dir = path.join(runs, id);
  await mkdir(dir, { recursive: true });
  const record = {
    id,
    name: 'hb',
    kind: 'run',
    experiment_file: 'x.yaml',
    status: 'running',
    start_time: new Date().toISOString(),
    seed: 1,
    stages: {},
  };
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(record));
  await writeFile(path.join(dir, 'heartbeat.json'), JSON.stringify(heartbeat));
}

test('a fresh heartbeat from another machine with the same host name is running, not died; a stale one is died', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-heartbeat-'));
  const runs = path.join(dir, 'runs');
  // A pid that no process of this machine has.
  const gone = 2 ** 22 + 12345;
  const now = new Date().toISOString();
  const old = new Date(Date.now() - 5 * 60_000).toISOString();
  await plantRun(runs, '20261205-100000-hb-aaaaaa', {
    pid: gone,
    host: os.hostname(),
    machine: 'another-boot/pid:[1]',
    time: now,
  });
  await plantRun(runs, '20261205-100001-hb-bbbbbb', { pid: gone, host: os.hostname(), time: now });
  await plantRun(runs, '20261205-100002-hb-cccccc', {
    pid: gone,
    host: os.hostname(),
    machine: 'another-boot/pid:[1]',
    time: old,
  });
  const ls = await runCli(['runs', 'ls', '--runs', runs, '--json'], dir);
  assert.equal(ls.code, 0, ls.stderr);
  const status = Object.fromEntries(
    (JSON.parse(ls.stdout) as { id: string; status: string }[]).map((r) => [r.id, r.status]),
  );
  assert.equal(status['20261205-100000-hb-aaaaaa'], 'running', 'fresh, from another machine of the same name');
  assert.equal(status['20261205-100001-hb-bbbbbb'], 'running', 'fresh, naming no machine');
  assert.equal(status['20261205-100002-hb-cccccc'], 'died', 'stale');
  // And resume leaves a live one alone.
  const resume = await runCli(['resume', '20261205-100000-hb-aaaaaa', '--runs', runs], dir);
  assert.equal(resume.code, 1);
  assert.match(resume.stderr, /is still running/);
});
