import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, seededValues } from '../support/backend-compare.js';

test("the wasm softplus equals cpu's element by element, for large, tiny and infinite inputs too", async () => {
  const special = [
    0,
    -0,
    1e-8,
    -1e-8,
    15,
    -15,
    16.5,
    -16.5,
    30,
    -30,
    88,
    -88,
    100,
    -100,
    1e30,
    -1e30,
    Infinity,
    -Infinity,
  ];
  const vals = [...special, ...Array.from(seededValues(4000, 61), (v) => v * 40)];
  const compute = () => tf.softplus(tf.tensor1d(vals));
  const [cpu] = await onBackend('cpu', compute);
  const [wasm] = await onBackend('wasm', compute);
  for (let i = 0; i < vals.length; i++) {
    const want = cpu![i]!;
    const got = wasm![i]!;
    if (!Number.isFinite(want)) assert.equal(got, want, `softplus(${vals[i]})`);
    // Relative where the value is large, absolute (1e-7) where it is tiny: exp(-30) is 9e-14.
    else assert.ok(Math.abs(got - want) <= 1e-6 * Math.abs(want) + 1e-7, `softplus(${vals[i]}): ${got} vs ${want}`);
  }
  const [nan] = await onBackend('wasm', () => tf.softplus(tf.tensor1d([NaN])));
  assert.ok(Number.isNaN(nan![0]));
});
