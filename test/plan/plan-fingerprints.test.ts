import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExperiment, parseOverride } from '../../src/config/load.js';
import { planExperiment, sharedNodes } from '../../src/plan/plan.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';

const options = { codeVersion: 'test', backend: 'cpu' };

async function fingerprints(yaml: string, sets: string[] = []): Promise<Record<string, string>> {
  const { file } = await writeExperiment(yaml);
  const overrides = sets.map((s) => {
    const o = parseOverride(s);
    assert.ok(o.ok);
    return o.value;
  });
  const loaded = await loadExperiment(file, { overrides });
  assert.ok(loaded.experiment, JSON.stringify(loaded.diagnostics));
  const plan = planExperiment(loaded.experiment.config, options);
  return Object.fromEntries(plan.trials[0]!.nodes.map((n) => [n.name, n.fingerprint]));
}

test('changing a downstream setting keeps the fingerprints of everything upstream', async () => {
  const before = await fingerprints(TINY_EXPERIMENT);
  const after = await fingerprints(TINY_EXPERIMENT, ['stages.cnn.train.epochs=3']);
  assert.equal(after.digits, before.digits);
  assert.equal(after.ae, before.ae);
  assert.equal(after.cnn_raw, before.cnn_raw);
  assert.notEqual(after.cnn, before.cnn);
});

test('changing an upstream setting changes every stage that reads it, and nothing else', async () => {
  const before = await fingerprints(TINY_EXPERIMENT);
  const after = await fingerprints(TINY_EXPERIMENT, ['stages.ae.latent=8']);
  assert.notEqual(after.ae, before.ae);
  assert.notEqual(after.cnn, before.cnn);
  assert.equal(after.cnn_raw, before.cnn_raw);
  assert.equal(after.digits, before.digits);
});

test('the seed, the data split, the code version and the backend are all part of a stage fingerprint', async () => {
  const base = await fingerprints(TINY_EXPERIMENT);
  assert.notEqual((await fingerprints(TINY_EXPERIMENT, ['seed=8'])).ae, base.ae);
  assert.notEqual((await fingerprints(TINY_EXPERIMENT, ['data.digits.train=200'])).ae, base.ae);
  const { file } = await writeExperiment(TINY_EXPERIMENT);
  const loaded = await loadExperiment(file);
  assert.ok(loaded.experiment);
  const other = planExperiment(loaded.experiment.config, { codeVersion: 'changed', backend: 'cpu' }).trials[0]!.nodes;
  const wasm = planExperiment(loaded.experiment.config, { codeVersion: 'test', backend: 'wasm' }).trials[0]!.nodes;
  assert.notEqual(other.find((n) => n.name === 'ae')!.fingerprint, base.ae);
  assert.notEqual(wasm.find((n) => n.name === 'ae')!.fingerprint, base.ae);
  assert.equal(other.find((n) => n.name === 'digits')!.fingerprint, base.digits);
});

test('a latent-size sweep shares the data set and the baseline classifier across all trials', async () => {
  const { file } = await writeExperiment(`${TINY_EXPERIMENT}sweep:\n  grid: { stages.ae.latent: [4, 8, 16, 32] }\n`);
  const loaded = await loadExperiment(file);
  assert.ok(loaded.experiment);
  const plan = planExperiment(loaded.experiment.config, options);
  assert.equal(plan.trials.length, 4);
  const shared = [...sharedNodes(plan).values()];
  const byName = (name: string) => shared.filter((s) => s.name === name);
  assert.equal(byName('cnn_raw').length, 1);
  assert.deepEqual(byName('cnn_raw')[0]!.trials, [0, 1, 2, 3]);
  assert.equal(byName('ae').length, 4);
  assert.equal(byName('cnn').length, 4);
  assert.deepEqual(
    plan.trials.map((t) => {
      const ae = t.config.stages.ae;
      return ae?.type === 'autoencoder' ? ae.latent : undefined;
    }),
    [4, 8, 16, 32],
  );
});
