import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holm, mcnemarExact, pairedByClass, rightOnlyFor } from '../../src/analysis/paired.js';

/** Predictions of A and B for one class from its 2x2 table: both right, only A, only B, both wrong. */
function table(cls: number, both: number, onlyA: number, onlyB: number, neither: number) {
  const wrong = (cls + 1) % 3;
  const rows: [number, number, number][] = [];
  const add = (k: number, a: number, b: number) => {
    for (let i = 0; i < k; i++) rows.push([cls, a, b]);
  };
  add(both, cls, cls);
  add(onlyA, cls, wrong);
  add(onlyB, wrong, cls);
  add(neither, wrong, wrong);
  return rows;
}

test('per-class paired tests match McNemar exact p-values of known contingency tables', () => {
  // Class 0: 10 vs 0 discordant -> p = 2 * 0.5^10 = 0.001953125.
  // Class 1: 3 vs 3 -> p = 1. Class 2: 1 vs 4 -> p = 2 * (1 + 5) / 32 = 0.375.
  const rows = [...table(0, 80, 10, 0, 10), ...table(1, 90, 3, 3, 4), ...table(2, 50, 1, 4, 0)];
  const r = pairedByClass(
    rows.map((x) => x[0]),
    rows.map((x) => x[1]),
    rows.map((x) => x[2]),
    3,
  );
  assert.deepEqual(
    r.map((c) => [c.cls, c.n, c.onlyA, c.onlyB]),
    [
      [0, 100, 10, 0],
      [1, 100, 3, 3],
      [2, 55, 1, 4],
    ],
  );
  assert.equal(r[0]!.p, 0.001953125);
  assert.equal(r[1]!.p, 1);
  assert.ok(Math.abs(r[2]!.p - 0.375) < 1e-12);
  assert.ok(Math.abs(r[0]!.accA - 0.9) < 1e-12 && Math.abs(r[0]!.accB - 0.8) < 1e-12);
  assert.ok(Math.abs(r[0]!.difference - 0.1) < 1e-12);
  // Holm over three: smallest x3, next x2 (kept monotone), largest x1.
  assert.ok(Math.abs(r[0]!.pHolm - 3 * 0.001953125) < 1e-12);
  assert.ok(Math.abs(r[2]!.pHolm - 0.75) < 1e-12);
  assert.equal(r[1]!.pHolm, 1);
});

test('McNemar exact p-values of textbook tables', () => {
  assert.equal(mcnemarExact(0, 0), 1);
  assert.ok(Math.abs(mcnemarExact(2, 8) - 0.109375) < 1e-12); // 2 * (1 + 10 + 45) / 1024
  // Large counts stay finite (0.5^n underflows without logs).
  assert.ok(mcnemarExact(1000, 1200) > 0 && mcnemarExact(1000, 1200) < 0.001);
});

test('Holm keeps the adjusted p-values monotone in the order of the raw ones', () => {
  assert.deepEqual(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06]);
});

test('the images A gets right and B wrong are listed in test order', () => {
  assert.deepEqual(rightOnlyFor([1, 2, 3, 4], [1, 2, 0, 4], [0, 2, 3, 1]), [0, 3]);
});
