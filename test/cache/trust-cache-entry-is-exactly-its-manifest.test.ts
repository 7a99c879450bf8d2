import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { snapshot } from '../support/forged-jobs.js';
import { readJson, runFolders } from '../support/runs.js';

const run = (dir: string): Promise<CliResult> => runCli(['run', 'entry.yaml', '--wasm-threads', '1'], dir);

async function onlyEntry(dir: string): Promise<string> {
  const root = path.join(dir, 'runs', '.cache', 'stages');
  const entries = (await readdir(root)).filter((n) => /^[0-9a-f]{16}$/.test(n));
  assert.equal(entries.length, 1, entries.join(' '));
  return path.join(root, entries[0]!);
}

const testLoss = async (folder: string): Promise<number | undefined> =>
  (await readJson<{ stages: Record<string, { metrics: Record<string, number> }> }>(path.join(folder, 'run.json')))
    .stages.ae?.metrics.test_loss;

/** The newest run folder, after a run that printed its id. */
async function newest(dir: string): Promise<string> {
  return (await runFolders(dir)).sort().at(-1)!;
}

test('a cache entry holding an unlisted file or a symlink is not served, nothing of it reaches a run, and the stage is computed again with the honest result', async () => {
  const { dir } = await writeExperiment(oneStageExperiment('entry'), 'entry.yaml');
  const first = await run(dir);
  assert.equal(first.code, 0, first.stderr);
  const honest = await testLoss(await newest(dir));
  const entry = await onlyEntry(dir);

  for (const [what, plant] of [
    ['an unlisted file', (e: string) => writeFile(path.join(e, 'artifacts', 'notes.txt'), 'planted')],
    ['a symlink', (e: string) => symlink('/etc/passwd', path.join(e, 'artifacts', 'passwd'))],
    ['a symlink in place of a listed folder', async (e: string) => symlink('/etc', path.join(e, 'artifacts', 'etc'))],
  ] as const) {
    await plant(await onlyEntry(dir));
    const again = await run(dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      /ae: warning: the stage cache entry .* was not used: .*(not listed|not a regular file).*computed again/,
      `${what}: ${again.stderr}`,
    );
    assert.match(again.stdout, /^ae: done in/m, `${what}: computed again`);
    const folder = await newest(dir);
    const files = await snapshot(folder);
    assert.ok(
      !Object.keys(files).some((f) => /notes\.txt|passwd|stages\/ae\/etc/.test(f)),
      `${what}: ${Object.keys(files).join(' ')}`,
    );
    assert.equal(await testLoss(folder), honest, `${what}: the honest result`);
  }
  // The recomputed entry is clean and served again.
  assert.ok(existsSync(path.join(entry, 'manifest.json')));
  const clean = await run(dir);
  assert.match(clean.stdout, /^ae: from the cache/m, clean.stderr);
  assert.doesNotMatch(clean.stderr, /warning/);
  assert.ok(!(await readFile('/etc/hostname', 'utf8').catch(() => '')).includes('planted'));
});
