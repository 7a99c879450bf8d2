import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandSweep } from '../../src/plan/sweep-expansion.js';

test('a grid expands to the Cartesian product of its lists', () => {
  const points = expandSweep({ grid: { 'stages.ae.latent': [8, 16], 'stages.ae.train.epochs': [1, 2, 3] } }, 42);
  assert.equal(points.length, 6);
  assert.deepEqual(points[0], { 'stages.ae.latent': 8, 'stages.ae.train.epochs': 1 });
  assert.deepEqual(points[5], { 'stages.ae.latent': 16, 'stages.ae.train.epochs': 3 });
});

test('a zip takes its lists together, row by row', () => {
  const points = expandSweep(
    { zip: { 'stages.ae.latent': [8, 16, 32], 'stages.ae.variant': ['deep', 'sparse', 'undercomplete'] } },
    1,
  );
  assert.deepEqual(points, [
    { 'stages.ae.latent': 8, 'stages.ae.variant': 'deep' },
    { 'stages.ae.latent': 16, 'stages.ae.variant': 'sparse' },
    { 'stages.ae.latent': 32, 'stages.ae.variant': 'undercomplete' },
  ]);
});

test('random samples are drawn within their distributions and are the same for the same seed', () => {
  const sweep = {
    random: {
      samples: 50,
      params: {
        'stages.ae.train.optimizer.learning_rate': { log_uniform: [1e-4, 1e-1] as [number, number] },
        'stages.ae.latent': { int: [2, 64] as [number, number] },
        'stages.ae.variant': { choice: ['deep', 'sparse'] },
        'stages.cnn.dropout': { uniform: [0.1, 0.5] as [number, number] },
      },
    },
  };
  const a = expandSweep(sweep, 7);
  assert.equal(a.length, 50);
  for (const p of a) {
    const lr = p['stages.ae.train.optimizer.learning_rate'] as number;
    const latent = p['stages.ae.latent'] as number;
    assert.ok(lr >= 1e-4 && lr <= 1e-1);
    assert.ok(Number.isInteger(latent) && latent >= 2 && latent <= 64);
    assert.ok(['deep', 'sparse'].includes(p['stages.ae.variant'] as string));
    const dropout = p['stages.cnn.dropout'] as number;
    assert.ok(dropout >= 0.1 && dropout <= 0.5);
  }
  assert.deepEqual(expandSweep(sweep, 7), a);
  assert.notDeepEqual(expandSweep(sweep, 8), a);
  assert.equal(new Set(a.map((p) => p['stages.ae.latent'])).size > 10, true);
});

test('grid, zip and random combine: every zip row and random sample joins every grid point', () => {
  const points = expandSweep(
    {
      grid: { 'stages.ae.latent': [8, 16] },
      zip: { 'stages.ae.train.epochs': [1, 2], 'stages.ae.train.batch_size': [32, 64] },
      random: { samples: 3, params: { seed: { int: [0, 100] } } },
    },
    3,
  );
  assert.equal(points.length, 2 * 2 * 3);
  assert.equal(new Set(points.map((p) => JSON.stringify(p))).size, 12);
});

test('no sweep is one trial with nothing assigned', () => {
  assert.deepEqual(expandSweep(undefined, 42), [{}]);
});
