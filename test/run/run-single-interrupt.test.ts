import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writeExperiment } from '../support/experiment-file.js';
import { childrenOf, slowRun, startCli, waitForRun, waitGone } from '../support/processes.js';
import { readJson } from '../support/runs.js';

type Record = { status: string; error?: string; stages: { [stage: string]: { status: string; epoch?: number } } };

test('Ctrl-C stops a single run within about a second, marks it killed and exits 130; epochs are recorded as they end', async () => {
  const { dir } = await writeExperiment(slowRun(400), 'slow.yaml');
  const run = startCli(['run', 'slow.yaml', '--no-cache'], dir);

  // run.json and metrics.jsonl follow the training epoch by epoch, not stage by stage.
  const folder = await waitForRun(dir, (r) => (r.stages.clf?.epoch ?? 0) >= 3);
  const during = await readJson<Record>(path.join(folder, 'run.json'));
  assert.equal(during.status, 'running');
  assert.equal(during.stages.clf?.status, 'running');
  const metrics = (await readFile(path.join(folder, 'metrics.jsonl'), 'utf8')).trim().split('\n');
  assert.ok(
    metrics.some((l) => (JSON.parse(l) as { stage: string }).stage === 'clf'),
    'the running stage has metrics already',
  );

  const workers = await childrenOf(run.child.pid!);
  assert.ok(workers.length >= 1, 'the training runs in a child process');
  const signalled = Date.now();
  run.ctrlC();
  // Training stops at once: the trial process is gone within about a second, and no more than the
  // epoch under way when Ctrl-C came is recorded. (The parent then writes the report and exits.)
  assert.deepEqual(await waitGone(workers, 2), [], 'no trial process is left');
  const stopped = (Date.now() - signalled) / 1000;
  assert.equal(await run.exited, 130, run.output());
  const seconds = (Date.now() - signalled) / 1000;
  assert.ok(seconds < 10, `exited ${seconds}s after Ctrl-C`);
  const atSignal = (await readJson<Record>(path.join(folder, 'run.json'))).stages.clf?.epoch ?? 0;

  const after = await readJson<Record>(path.join(folder, 'run.json'));
  assert.equal(after.status, 'killed');
  assert.equal(after.stages.ae?.status, 'finished');
  assert.equal(after.stages.clf?.status, 'killed');
  assert.ok((after.stages.clf?.epoch ?? 0) < 100, `stopped at epoch ${after.stages.clf?.epoch} of 400`);
  assert.ok(stopped < 2, `training stopped ${stopped}s after Ctrl-C`);
  assert.ok(atSignal >= 3);
  assert.match(run.output(), /^KILLED in [\d.]+s: /m);

  // The folder is a single run's, as it always was: stages/ directly, no trials/.
  const entries = await readdir(folder);
  assert.ok(entries.includes('stages') && !entries.includes('trials'), entries.join(' '));
  assert.match(run.output(), new RegExp(`^run ${path.basename(folder)} -> runs/${path.basename(folder)}$`, 'm'));
  assert.doesNotMatch(run.output(), /\bt000\b/);
});
