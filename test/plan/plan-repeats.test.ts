import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExperiment } from '../../src/config/load.js';
import { planExperiment, sharedNodes } from '../../src/plan/plan.js';
import { repeatSeed } from '../../src/util/random.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';

const options = { codeVersion: 'test', backend: 'cpu' };

async function plan(sweep: string) {
  const { file } = await writeExperiment(`${TINY_EXPERIMENT}sweep:\n${sweep}`);
  const loaded = await loadExperiment(file);
  assert.ok(loaded.experiment, JSON.stringify(loaded.diagnostics));
  return planExperiment(loaded.experiment.config, options);
}

test('repeats train every point on the same derived seeds, so that repeat k of two points is a pair', async () => {
  const p = await plan('  grid: { stages.ae.latent: [8, 16] }\n  repeats: 3\n');
  assert.equal(p.trials.length, 6);
  assert.deepEqual(
    p.trials.map((t) => [t.id, t.point, t.repeat, t.assignment['stages.ae.latent']]),
    [
      ['t000', 0, 0, 8],
      ['t001', 0, 1, 8],
      ['t002', 0, 2, 8],
      ['t003', 1, 0, 16],
      ['t004', 1, 1, 16],
      ['t005', 1, 2, 16],
    ],
  );
  const seeds = p.trials.map((t) => t.config.seed);
  // Repeat 0 is the experiment's seed; the others are derived from it and the repeat index alone.
  assert.deepEqual(seeds.slice(0, 3), [7, repeatSeed(7, 1), repeatSeed(7, 2)]);
  assert.deepEqual(seeds.slice(3), seeds.slice(0, 3), "point 1's repeat k has point 0's repeat-k seed");
  assert.equal(new Set(seeds).size, 3, 'three different seeds');
  assert.ok(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31));
});

test('a stage the swept key does not reach is planned once per seed, not once per point', async () => {
  const p = await plan('  grid: { stages.ae.latent: [8, 16, 32] }\n  repeats: 2\n');
  const shared = sharedNodes(p);
  const byName = (name: string) => [...shared.values()].filter((s) => s.name === name);
  // The baseline on raw digits: one fingerprint per seed, each used by all three points' repeat k.
  assert.deepEqual(
    byName('cnn_raw').map((s) => s.trials),
    [
      [0, 2, 4],
      [1, 3, 5],
    ],
  );
  assert.equal(byName('digits').length, 2, 'the data split is per seed too');
  // What the swept key reaches is one node per trial.
  assert.equal(byName('ae').length, 6);
  assert.equal(byName('cnn').length, 6);
});

test('a sweep of repeats alone is one point repeated', async () => {
  const p = await plan('  repeats: 3\n');
  assert.equal(p.isSweep, true);
  assert.deepEqual(
    p.trials.map((t) => [t.point, t.repeat, t.assignment]),
    [
      [0, 0, {}],
      [0, 1, {}],
      [0, 2, {}],
    ],
  );
  assert.equal(new Set(p.trials.map((t) => t.nodes.find((n) => n.name === 'ae')!.fingerprint)).size, 3);
});

test('one repeat plans exactly what a sweep without repeats plans', async () => {
  const a = await plan('  grid: { stages.ae.latent: [8, 16] }\n');
  const b = await plan('  grid: { stages.ae.latent: [8, 16] }\n  repeats: 1\n');
  assert.deepEqual(
    a.trials.map((t) => t.nodes.map((n) => n.fingerprint)),
    b.trials.map((t) => t.nodes.map((n) => n.fingerprint)),
  );
});

test('sweeping the seed together with repeats is refused, saying why', async () => {
  const { file } = await writeExperiment(`${TINY_EXPERIMENT}sweep:\n  grid: { seed: [1, 2] }\n  repeats: 2\n`);
  const loaded = await loadExperiment(file);
  assert.equal(loaded.experiment, undefined);
  const messages = loaded.diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /`seed` cannot also be swept: repeat k of every point must share its seed/);
});
