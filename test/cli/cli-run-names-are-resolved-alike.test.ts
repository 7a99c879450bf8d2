import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';

/** A finished single run's folder, as the run store writes it. */
async function finishedRun(runs: string, id: string): Promise<void> {
  await mkdir(path.join(runs, id), { recursive: true });
  const record = {
    id,
    name: 'quick',
    kind: 'run',
    experiment_file: 'quick.yaml',
    status: 'finished',
    start_time: '2026-12-04T21:29:25.000Z',
    end_time: '2026-12-04T21:29:35.000Z',
    duration_s: 10,
    seed: 1,
    stages: {},
  };
  await writeFile(path.join(runs, id, 'run.json'), JSON.stringify(record));
}

test('`aelab resume` and `aelab runs show` find a run by the same id prefix, and refuse an ambiguous one with the same message', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'aelab-names-'));
  const runs = path.join(dir, 'runs');
  await finishedRun(runs, '20261204-212925-quick-d60e06');
  await finishedRun(runs, '20261204-213001-quick-aa11bb');
  await finishedRun(runs, '20261204-213002-quick-cc22dd');

  const show = await runCli(['runs', 'show', '20261204-212925'], dir);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^run\s+20261204-212925-quick-d60e06$/m);
  const resume = await runCli(['resume', '20261204-212925'], dir);
  assert.equal(resume.code, 0, resume.stderr);
  assert.match(resume.stdout, /^20261204-212925-quick-d60e06 finished; nothing to resume$/m);

  const ambiguousShow = await runCli(['runs', 'show', '20261204-2130'], dir);
  const ambiguousResume = await runCli(['resume', '20261204-2130'], dir);
  assert.equal(ambiguousShow.code, 1);
  assert.equal(ambiguousResume.code, 1);
  assert.match(
    ambiguousShow.stderr,
    /`20261204-2130` matches 2 runs: 20261204-213002-quick-cc22dd, 20261204-213001-quick-aa11bb/,
  );
  assert.equal(ambiguousResume.stderr, ambiguousShow.stderr);
});
