import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanInterval, pairedDifference, sampleSd, tCritical } from '../../src/util/intervals.js';

const close = (actual: number, expected: number, tol = 1e-4) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

test('the t quantiles are the textbook table values for 95% two-sided', () => {
  // Student's t table, 0.975 column.
  close(tCritical(1), 12.7062);
  close(tCritical(2), 4.3027);
  close(tCritical(3), 3.1824);
  close(tCritical(9), 2.2622);
  close(tCritical(1000), 1.9623);
});

test('the interval of the mean of three seeds matches the one computed by hand', () => {
  // The seed experiment's CNN on reconstructions: 98.05, 98.53, 98.17 (docs/results.md).
  // mean 98.25; squared deviations 0.04 + 0.0784 + 0.0064 = 0.1248, / 2 = 0.0624, sd 0.24980;
  // half width 4.30265 * 0.24980 / sqrt(3) = 0.62054.
  const i = meanInterval([98.05, 98.53, 98.17]);
  assert.equal(i.n, 3);
  close(i.mean, 98.25);
  close(i.sd, 0.2498);
  close(i.low, 98.25 - 0.62054);
  close(i.high, 98.25 + 0.62054);
});

test('the interval of four values matches the one computed by hand', () => {
  // 1, 2, 3, 4: mean 2.5, sd sqrt(5/3) = 1.29099, half 3.18245 * 1.29099 / 2 = 2.05425.
  const i = meanInterval([1, 2, 3, 4]);
  close(i.sd, 1.29099);
  close(i.low, 0.44575);
  close(i.high, 4.55425);
});

test('one value has no spread: its interval is the value itself', () => {
  const i = meanInterval([0.5]);
  assert.deepEqual([i.n, i.mean, i.sd, i.low, i.high], [1, 0.5, 0, 0.5, 0.5]);
  assert.equal(sampleSd([]), 0);
});

test('the paired difference pairs repeats by index and ignores repeats only one side has', () => {
  // Differences 0.15, 0.13, -0.03: mean 0.08333, sd 0.098658, half 4.30265 * 0.098658 / sqrt(3) = 0.24508.
  const a = new Map([
    [0, 98.05],
    [1, 98.53],
    [2, 98.17],
    [3, 99.9],
  ]);
  const b = new Map([
    [0, 97.9],
    [1, 98.4],
    [2, 98.2],
  ]);
  const d = pairedDifference(a, b)!;
  assert.deepEqual(d.pairs, [0, 1, 2]);
  close(d.mean, 0.083333);
  close(d.low, 0.083333 - 0.24508);
  close(d.high, 0.083333 + 0.24508);
  assert.equal(d.distinguishable, false);
});

test('a consistent paired difference is distinguishable even when the seeds spread more than it', () => {
  // Each seed moves both points by up to 0.5; point a is always 0.1 above b.
  const seeds = [98.05, 98.53, 98.17];
  const a = new Map(seeds.map((v, k) => [k, v + 0.1 + (k === 1 ? 0.01 : 0)]));
  const b = new Map(seeds.map((v, k) => [k, v]));
  const d = pairedDifference(a, b)!;
  assert.equal(d.distinguishable, true);
  assert.ok(d.low > 0);
  // Unpaired, the same numbers overlap completely.
  const ia = meanInterval([...a.values()]);
  const ib = meanInterval([...b.values()]);
  assert.ok(ia.low < ib.high);
});

test('fewer than two shared repeats give no paired interval', () => {
  assert.equal(
    pairedDifference(
      new Map([[0, 1]]),
      new Map([
        [0, 2],
        [1, 3],
      ]),
    ),
    undefined,
  );
});
