import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';

interface PlanJson {
  trials: { nodes: { name: string; kind: string; fingerprint: string }[] }[];
}

test('`plan --json` shows the fingerprints that `run` caches its stages under, for the same file and flags', async () => {
  const { dir } = await writeExperiment(oneStageExperiment('agree'), 'agree.yaml');
  const flags = ['--set', 'stages.ae.latent=6', '--backend', 'auto'];
  const planned = await runCli(['plan', 'agree.yaml', ...flags, '--json'], dir);
  assert.equal(planned.code, 0, planned.stderr);
  const stages = (JSON.parse(planned.stdout) as PlanJson).trials[0]!.nodes.filter((n) => n.kind !== 'data');
  assert.deepEqual(
    stages.map((n) => n.name),
    ['ae'],
  );

  const ran = await runCli(['run', 'agree.yaml', ...flags], dir);
  assert.equal(ran.code, 0, ran.stderr + ran.stdout);
  const cached = (await readdir(path.join(dir, 'runs', '.cache', 'stages'))).filter((e) => !e.startsWith('.'));
  assert.deepEqual(
    cached,
    stages.map((n) => n.fingerprint),
  );
  // What `plan` shows after the run is what it showed before: planning reads nothing the run wrote.
  const again = await runCli(['plan', 'agree.yaml', ...flags, '--json'], dir);
  assert.equal(again.stdout, planned.stdout);
});
