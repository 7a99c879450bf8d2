import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { linearProbe, type CodeRows } from '../../src/models/probes.js';
import { mulberry32 } from '../../src/util/random.js';
import { useCpu } from '../support/models-fixtures.js';

before(useCpu);

function labels(n: number, seed: number): Uint8Array {
  const rng = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rng() * 10));
}

/** Codes that are the labels one-hot: a linear map reads the class off exactly. */
function oneHot(l: Uint8Array): CodeRows {
  const x = new Float32Array(l.length * 10);
  l.forEach((c, i) => (x[i * 10 + c] = 1));
  return { x, n: l.length, dim: 10, labels: l };
}

function noise(l: Uint8Array, dim: number, seed: number): CodeRows {
  const rng = mulberry32(seed);
  return { x: Float32Array.from({ length: l.length * dim }, () => rng() * 2 - 1), n: l.length, dim, labels: l };
}

test('the linear probe on codes that are the labels one-hot classifies every test code right', async () => {
  const r = await linearProbe(oneHot(labels(2000, 1)), oneHot(labels(500, 2)), 10);
  assert.equal(r.accuracy, 1);
  assert.equal(r.predicted.length, 500);
});

test('the linear probe on random codes is near chance, and the same codes give the same accuracy', async () => {
  const trainL = labels(3000, 3);
  const testL = labels(1000, 4);
  const a = await linearProbe(noise(trainL, 16, 5), noise(testL, 16, 6), 10);
  // Chance is 0.1; with 1000 test codes its binomial standard error is 0.0095: 0.1 +- 4 se.
  assert.ok(Math.abs(a.accuracy - 0.1) < 0.04, `accuracy ${a.accuracy} on random codes`);
  const b = await linearProbe(noise(trainL, 16, 5), noise(testL, 16, 6), 10);
  assert.equal(b.accuracy, a.accuracy);
});
