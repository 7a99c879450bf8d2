import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Asha, linearPercentile, rungs, type AshaSettings } from '../../src/plan/asha.js';

const settings: AshaSettings = {
  stage: 'ae',
  metric: 'val_loss',
  mode: 'min',
  min_epochs: 1,
  reduction_factor: 3,
  max_epochs: 27,
};

test('the rungs are min_epochs times powers of the reduction factor below the epoch budget', () => {
  assert.deepEqual(rungs(settings), [1, 3, 9]);
  assert.deepEqual(rungs({ min_epochs: 2, reduction_factor: 2, max_epochs: 17 }), [2, 4, 8, 16]);
  assert.deepEqual(rungs({ min_epochs: 5, reduction_factor: 3, max_epochs: 5 }), []);
});

test('the percentile interpolates linearly as numpy does', () => {
  assert.equal(linearPercentile([3, 1, 2], 0.5), 2);
  assert.ok(Math.abs(linearPercentile([-0.5, -0.4], 2 / 3) - -0.43333) < 1e-5);
  assert.equal(linearPercentile([7], 0.9), 7);
});

test('at a rung a trial continues only in the top third of the trials recorded there before it', () => {
  const asha = new Asha(settings);
  // Epoch 1 is the first rung. Scores are negated losses; the cutoff is the 66.7th percentile.
  assert.equal(asha.report('A', 1, 0.5), 'continue'); // first at the rung: nothing to compare with
  assert.equal(asha.report('B', 1, 0.4), 'continue'); // cutoff 0.5, 0.4 is better
  assert.equal(asha.report('C', 1, 0.6), 'stop'); // cutoff between 0.5 and 0.4: 0.4333
  assert.equal(asha.report('D', 1, 0.3), 'continue'); // cutoff 0.4667 over 0.6, 0.5, 0.4
  assert.equal(asha.report('E', 1, 0.45), 'stop'); // cutoff 0.4 over 0.6, 0.5, 0.4, 0.3
  const cutoffs = asha.log.map((r) => r.cutoff);
  assert.equal(cutoffs[0], undefined);
  assert.ok(Math.abs(cutoffs[2]! - 0.43333) < 1e-5);
  assert.ok(Math.abs(cutoffs[3]! - 0.46667) < 1e-5);
  assert.ok(Math.abs(cutoffs[4]! - 0.4) < 1e-9);
});

test('between rungs a trial continues without being recorded, and each rung judges it once', () => {
  const asha = new Asha(settings);
  assert.equal(asha.report('A', 1, 0.5), 'continue');
  assert.equal(asha.report('A', 2, 0.45), 'continue');
  assert.equal(asha.report('B', 1, 0.6), 'stop');
  // A reaches rung 3 first, so it is the first there.
  assert.equal(asha.report('A', 3, 0.42), 'continue');
  assert.equal(asha.report('A', 3, 0.42), 'continue');
  assert.deepEqual(
    asha.log.map((r) => [r.trial, r.rung, r.decision]),
    [
      ['A', 1, 'continue'],
      ['B', 1, 'stop'],
      ['A', 3, 'continue'],
    ],
  );
  // At or above the last rung nothing is judged: the trial runs out its budget.
  assert.equal(asha.report('A', 9, 0.9), 'continue');
  assert.equal(asha.report('A', 26, 5), 'continue');
  assert.equal(asha.log.length, 4);
  assert.deepEqual([...asha.stopped()], [['B', 1]]);
});

test('max mode keeps the largest values', () => {
  const asha = new Asha({ ...settings, metric: 'val_acc', mode: 'max' });
  assert.equal(asha.report('A', 1, 0.9), 'continue');
  assert.equal(asha.report('B', 1, 0.8), 'stop');
  assert.equal(asha.report('C', 1, 0.95), 'continue');
  assert.equal(asha.log[1]!.cutoff, 0.9);
});

test('the arrival order decides: worst first all continue, best first only the first does', () => {
  const losses = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
  const worstFirst = new Asha(settings);
  assert.deepEqual(
    losses.map((v, i) => worstFirst.report(`t${i}`, 1, v)),
    losses.map(() => 'continue'),
  );
  const bestFirst = new Asha(settings);
  assert.deepEqual(
    [...losses].reverse().map((v, i) => bestFirst.report(`t${i}`, 1, v)),
    ['continue', 'stop', 'stop', 'stop', 'stop', 'stop'],
  );
});

test('a diverged trial (NaN) stops even when it is the first at its rung', () => {
  const asha = new Asha(settings);
  assert.equal(asha.report('A', 1, Number.NaN), 'stop');
  assert.equal(asha.report('B', 1, 0.7), 'continue');
});

test('the same arrival order gives the same decisions, and a replayed state continues as the original', () => {
  const reports: [string, number, number][] = [];
  let x = 12345;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
  for (let t = 0; t < 12; t++) for (const e of [1, 2, 3]) reports.push([`t${t}`, e, next()]);
  const a = new Asha(settings);
  const b = new Asha(settings);
  const da = reports.map(([t, e, v]) => a.report(t, e, v));
  const db = reports.map(([t, e, v]) => b.report(t, e, v));
  assert.deepEqual(da, db);
  const half = new Asha(settings);
  reports.slice(0, 20).forEach(([t, e, v]) => half.report(t, e, v));
  const replayed = Asha.fromJSON(JSON.parse(JSON.stringify(half.toJSON())));
  assert.deepEqual(replayed.toJSON(), half.toJSON());
  const rest = reports.slice(20).map(([t, e, v]) => replayed.report(t, e, v));
  assert.deepEqual(rest, da.slice(20));
  assert.deepEqual(replayed.toJSON(), a.toJSON());
});
