import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { dropout, keepMask } from '../../src/models/dropout.js';
import { mulberry32 } from '../../src/util/random.js';

test('a dropout mask keeps exactly the draws of the seeded stream that reach the rate, scaled by 1/(1-rate)', async () => {
  await tf.setBackend('cpu');
  const rate = 0.25;
  const mask = keepMask(10_000, rate, 1234);
  const rng = mulberry32(1234);
  for (let i = 0; i < mask.length; i++) {
    const expected = rng() >= rate ? Math.fround(1 / (1 - rate)) : 0;
    assert.equal(mask[i], expected, `value ${i}`);
  }
  const kept = mask.filter((v) => v !== 0).length / mask.length;
  assert.ok(Math.abs(kept - 0.75) < 0.02, `kept ${kept}`);
  assert.deepEqual(keepMask(100, rate, 1234), mask.subarray(0, 100), 'same seed, same mask');
  assert.notDeepEqual(keepMask(100, rate, 1235), mask.subarray(0, 100), 'another seed, another mask');

  // Applied to a tensor: kept values scaled, the mean preserved, the gradient is the mask.
  const x = tf.fill([50, 200], 2);
  const y = dropout(x, rate, 1234);
  assert.deepEqual(
    Array.from(y.dataSync()),
    Array.from(mask, (m) => 2 * m),
  );
  const g = tf.grad((v: tf.Tensor) => tf.sum(dropout(v, rate, 1234)))(x);
  assert.deepEqual(Array.from(g.dataSync()), Array.from(mask));
  assert.equal(dropout(x, 0, 1), x, 'rate 0 is the identity');
});
