import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadExperiment, parseOverride, type Override } from '../../src/config/load.js';
import { runCli } from '../support/cli.js';

let dir: string;
let file: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aelab-set-'));
  file = path.join(dir, 'x.yaml');
  await writeFile(
    file,
    'name: x\ndata:\n  digits: { source: mnist, train: 800, test: 200 }\nstages:\n  ae: { type: autoencoder, input: digits }\n',
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function overrides(...texts: string[]): Override[] {
  return texts.map((t, i) => {
    const parsed = parseOverride(t, `--set #${i + 1}`);
    assert.ok(parsed.ok, t);
    return parsed.value;
  });
}

test('--set reaches a setting the file leaves to its default', async () => {
  const outcome = await loadExperiment(file, {
    overrides: overrides('stages.ae.train.epochs=5', 'stages.ae.train.optimizer.name=sgd'),
    projectDir: dir,
  });
  assert.deepEqual(outcome.diagnostics, []);
  const ae = outcome.experiment!.config.stages.ae!;
  assert.ok(ae.type === 'autoencoder');
  assert.equal(ae.train.epochs, 5);
  assert.equal(ae.train.optimizer.name, 'sgd');
});

test('a misspelled --set key is blamed on the --set, with a suggestion', async () => {
  const outcome = await loadExperiment(file, {
    overrides: overrides('stages.ae.latnet=3', 'stages.ea.latent=3'),
    projectDir: dir,
  });
  assert.deepEqual(
    outcome.diagnostics.map((d) => [d.location?.file, d.message, d.hint]),
    [
      ['--set #1', 'unknown key `latnet` in `stages.ae`', 'did you mean `latent`?'],
      ['--set #2', '`stages.ea.latent` names no setting: there is no stage `ea`', 'did you mean `ae`?'],
    ],
  );
});

test('a --set value of the wrong type is an error at the --set', async () => {
  const outcome = await loadExperiment(file, { overrides: overrides('stages.ae.latent=big'), projectDir: dir });
  assert.deepEqual(
    outcome.diagnostics.map((d) => [d.location?.file, d.message]),
    [['--set #1', '`stages.ae.latent` must be a whole number, not the string "big"']],
  );
});

test('a --set without `=`, or with a custom tag, is refused when parsed', () => {
  const noEquals = parseOverride('stages.ae.latent', '--set #1');
  assert.ok(!noEquals.ok);
  assert.equal(noEquals.error.message, 'expected `path.to.setting=value`, got `stages.ae.latent`');
  const tagged = parseOverride('stages.ae.latent=!!js/function f', '--set #1');
  assert.ok(!tagged.ok);
  assert.match(tagged.error.message, /custom YAML tags/);
});

test('aelab plan prints a bad --set as file:line:col with the override under the caret', async () => {
  const result = await runCli(['plan', 'x.yaml', '--set', 'stages.ae.latnet=3'], dir);
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    [
      '--set #1:1:1: error: unknown key `latnet` in `stages.ae`',
      '   1 | stages.ae.latnet=3',
      '     | ^~~~~~~~~~~~~~~~~~',
      '     = did you mean `latent`?',
      'x.yaml: invalid (1 error, 0 warnings)',
      '',
    ].join('\n'),
  );
});
