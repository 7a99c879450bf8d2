import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeOptimizer } from '../../src/models/index.js';

test('optimizers default to their Keras 2 settings, adadelta included (lr 1.0, rho 0.95, eps 1e-7)', () => {
  const config = (
    name: Parameters<typeof makeOptimizer>[0]['name'],
    learning_rate?: number,
  ): Record<string, unknown> => {
    const o = makeOptimizer({ name, ...(learning_rate === undefined ? {} : { learning_rate }) });
    const c = o.getConfig() as Record<string, unknown>;
    o.dispose();
    return c;
  };
  assert.deepEqual(config('adadelta'), { learningRate: 1, rho: 0.95, epsilon: 1e-7 });
  assert.equal(config('adam').learningRate, 0.001);
  assert.equal(config('sgd').learningRate, 0.01);
  assert.equal(config('rmsprop').learningRate, 0.001);
  assert.equal(config('rmsprop').decay, 0.9);
  assert.equal(config('adagrad').learningRate, 0.01);
  assert.equal(config('adam', 0.01).learningRate, 0.01, 'an explicit rate wins');
});
