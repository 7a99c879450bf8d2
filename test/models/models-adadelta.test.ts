import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { KerasAdadelta } from '../../src/models/adadelta.js';

/** Keras' Adadelta step by hand: accumulate g² first, then scale by the updated accumulator. */
function kerasSteps(w0: number, grads: number[], lr: number, rho: number, eps: number): number[] {
  let w = w0;
  let accG = 0;
  let accU = 0;
  const out: number[] = [];
  for (const g of grads) {
    accG = rho * accG + (1 - rho) * g * g;
    const step = (Math.sqrt(accU + eps) / Math.sqrt(accG + eps)) * g;
    accU = rho * accU + (1 - rho) * step * step;
    w -= lr * step;
    out.push(w);
  }
  return out;
}

test('Adadelta steps as Keras does: the first step is small, not a raw gradient step of the learning rate', async () => {
  await tf.setBackend('cpu');
  const w = tf.variable(tf.scalar(0.5));
  const optimizer = new KerasAdadelta(1.0, 0.95, 1e-7);
  const grads = [2, -1, 0.5, 3];
  const seen: number[] = [];
  for (const g of grads) {
    optimizer.applyGradients({ [w.name]: tf.scalar(g) });
    seen.push((await w.data())[0]!);
  }
  const expected = kerasSteps(0.5, grads, 1.0, 0.95, 1e-7);
  for (let i = 0; i < grads.length; i++)
    assert.ok(Math.abs(seen[i]! - expected[i]!) < 1e-6, `step ${i + 1}: ${seen[i]} vs ${expected[i]}`);
  assert.ok(Math.abs(seen[0]! - 0.5) < 0.01, 'the first step moves the weight by about 1e-3, not by lr * g = 2');
  optimizer.dispose();
  w.dispose();
});
