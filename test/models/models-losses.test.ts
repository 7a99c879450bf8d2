import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { reconstructionLoss } from '../../src/models/index.js';
import { useCpu } from '../support/models-fixtures.js';

before(useCpu);

const value = async (t: tf.Tensor): Promise<number> => {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
};

test('binary cross-entropy is the mean over all pixels, with predictions clipped to [1e-7, 1 - 1e-7] as in Keras', async () => {
  const target = tf.tensor2d([
    [0, 1, 0.5],
    [1, 0, 0.25],
  ]);
  const pred = tf.tensor2d([
    [0.1, 0.8, 0.5],
    [0, 1, 0.75],
  ]);
  const eps = 1e-7;
  const bce = (t: number, p: number): number => {
    // The clip bounds as float32 holds them (1 - 1e-7 rounds to 1 - 1.19e-7), as in Keras.
    const q = Math.min(Math.max(p, Math.fround(eps)), Math.fround(1 - eps));
    return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
  };
  const expected =
    [bce(0, 0.1), bce(1, 0.8), bce(0.5, 0.5), bce(1, 0), bce(0, 1), bce(0.25, 0.75)].reduce((a, b) => a + b) / 6;
  const got = await value(reconstructionLoss('binary_crossentropy', target, pred));
  assert.ok(Math.abs(got - expected) / expected < 1e-5, `${got} vs ${expected}`);
  assert.ok(Number.isFinite(got), 'a prediction of exactly 0 or 1 stays finite');
  const mse = await value(reconstructionLoss('mse', target, pred));
  const expectedMse = [0.01, 0.04, 0, 1, 1, 0.25].reduce((a, b) => a + b) / 6;
  assert.ok(Math.abs(mse - expectedMse) < 1e-6);
  tf.dispose([target, pred]);
});
