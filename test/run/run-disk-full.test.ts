import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/cli.js';
import { slowRun, startCli, waitForRun } from '../support/processes.js';

/**
 * A small tmpfs holds the run folders (the data cache stays on the ordinary disk, through a
 * symlink), and a filler file takes all but what a test leaves free. Mounting needs root and
 * Linux: elsewhere the tests skip and say why.
 */
let mountPoint: string | undefined;
let project: string;
let skip: string | false = false;

before(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'aelab-full-'));
  const point = path.join(project, 'runs');
  await mkdir(point);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', point], { stdio: 'pipe' });
    mountPoint = point;
  } catch (e) {
    skip = `cannot mount a tmpfs here (needs root on Linux): ${(e as Error).message.split('\n')[0]}`;
    return;
  }
  await mkdir(path.join(project, 'cache'));
  await symlink(path.join(project, 'cache'), path.join(point, '.cache'));
});

after(async () => {
  if (mountPoint) execFileSync('umount', [mountPoint]);
  await rm(project, { recursive: true, force: true });
});

const FILLER = () => path.join(mountPoint!, 'filler');

/** Takes all the tmpfs's free space but `leaveKb`. */
async function fill(leaveKb: number): Promise<void> {
  await rm(FILLER(), { force: true });
  const s = await statfs(mountPoint!);
  const bytes = Math.max(0, s.bavail * s.bsize - leaveKb * 1024);
  execFileSync('fallocate', ['-l', String(bytes), FILLER()]);
}

/** Every file of a run folder must be whole: no temp file left, every JSON file parses. */
async function assertNothingCut(folder: string): Promise<void> {
  const files = (await readdir(folder, { recursive: true })).map(String);
  assert.deepEqual(
    files.filter((f) => f.endsWith('.tmp')),
    [],
    'no temp file is left behind',
  );
  for (const f of files.filter((f) => f.endsWith('.json')))
    assert.doesNotThrow(() => JSON.parse(String(execFileSync('cat', [path.join(folder, f)]))), f);
  if (files.includes('report.html'))
    assert.match(await readFile(path.join(folder, 'report.html'), 'utf8'), /<\/html>\s*$/);
}

test("a disk too full for a stage's files fails the run with one error naming the file, and no report is claimed", async (t) => {
  if (skip) return t.skip(skip);
  await writeFile(path.join(project, 'exp.yaml'), slowRun(2));
  // Warm the data cache (on the ordinary disk) so that only the run's own files meet the full disk.
  const warm = await runCli(['run', 'exp.yaml', '--wasm-threads', '1', '--no-cache'], project);
  assert.equal(warm.code, 0, warm.stderr);
  for (const d of await readdir(mountPoint!))
    if (!d.startsWith('.')) await rm(path.join(mountPoint!, d), { recursive: true });

  // Room for the small records, none for a model's weights or a picture.
  await fill(40);
  const run = await runCli(['run', 'exp.yaml', '--wasm-threads', '1', '--no-cache'], project);
  await rm(FILLER());
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const out = run.stdout + run.stderr;
  const named = out.match(/cannot write (\S+): ENOSPC/);
  assert.ok(named, out);
  assert.ok(path.resolve(project, named[1]!).startsWith(mountPoint!), named[1]);
  assert.doesNotMatch(out, /^report: /m, 'no report is said to be written');
  assert.doesNotMatch(out, /WriteError|\n\s+at /, 'one line, no stack');
  const [folder] = (await readdir(mountPoint!)).filter((d) => /^\d/.test(d));
  const record = JSON.parse(await readFile(path.join(mountPoint!, folder!, 'run.json'), 'utf8')) as {
    status: string;
    error: string;
  };
  assert.equal(record.status, 'failed');
  assert.match(record.error, /cannot write .*: ENOSPC/);
  await assertNothingCut(path.join(mountPoint!, folder!));
});

test('a disk that fills up mid-training ends the run with one error naming the file, and says whether the run could be marked failed', async (t) => {
  if (skip) return t.skip(skip);
  for (const d of await readdir(mountPoint!))
    if (!d.startsWith('.')) await rm(path.join(mountPoint!, d), { recursive: true });
  await writeFile(path.join(project, 'slow.yaml'), slowRun(30));
  const run = startCli(['run', 'slow.yaml', '--no-cache'], project);
  const folder = await waitForRun(project, (r) => (r.stages.clf?.epoch ?? 0) >= 2);
  await fill(0);
  const code = await run.exited;
  await rm(FILLER());
  const out = run.output();
  assert.equal(code, 1, out);
  const error = out.match(/^error: (cannot write \S+: ENOSPC.*)$/m);
  assert.ok(error, out);
  assert.doesNotMatch(out, /^report: /m);
  assert.doesNotMatch(out, /WriteError|\n\s+at /);
  const record = JSON.parse(await readFile(path.join(folder, 'run.json'), 'utf8')) as { status: string };
  if (record.status === 'failed') assert.match(error[1]!, /the run is marked failed/);
  else assert.match(error[1]!, /run\.json could not be updated to say the run failed/);
  await assertNothingCut(folder);
});
