import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { EarlyStopping, earlyStoppingOutcome, type EarlyStoppingSpec } from '../../src/models/early-stopping.js';
import { runTrainingLoop } from '../../src/models/train-loop.js';
import type { TrainSpec } from '../../src/models/types.js';

const spec = (over: Partial<EarlyStoppingSpec> = {}): EarlyStoppingSpec => ({
  monitor: 'val_loss',
  patience: 2,
  min_delta: 0,
  restore_best: true,
  mode: 'min',
  ...over,
});

/**
 * One weight w that plain SGD moves up by exactly 1 each epoch (loss -w, learning rate 1, one
 * sample per epoch), and a validation loss (w - 3)^2 that falls to 0 at epoch 3 and rises after:
 * 4, 1, 0, 1, 4, 9, 16, ...
 */
async function risingAfterEpoch3(early: EarlyStoppingSpec | undefined, epochs = 10) {
  await tf.setBackend('cpu');
  const w = tf.variable(tf.scalar(0));
  const optimizer = tf.train.sgd(1);
  const train: TrainSpec = {
    epochs,
    batch_size: 1,
    optimizer: { name: 'sgd', learning_rate: 1 },
    loss: 'mse',
    shuffle: false,
    ...(early ? { early_stopping: early } : {}),
  };
  const logs = await runTrainingLoop({
    n: 1,
    spec: train,
    seed: 1,
    optimizer,
    variables: [w],
    batch: () => tf.zeros([1]),
    objective: () => ({ loss: tf.neg(w) as tf.Scalar, extras: {} }),
    validate: async () => ({ val_loss: ((await w.data())[0]! - 3) ** 2 }),
  });
  const final = (await w.data())[0]!;
  w.dispose();
  optimizer.dispose();
  return { logs, final };
}

test('a validation loss that rises after epoch 3 stops training after patience epochs and restores epoch 3', async () => {
  const { logs, final } = await risingAfterEpoch3(spec());
  assert.deepEqual(
    logs.map((l) => l.metrics.val_loss),
    [4, 1, 0, 1, 4],
  );
  assert.equal(final, 3, 'the weights of the best epoch are back');
});

test('without restore_best the weights stay those of the last epoch trained', async () => {
  const { logs, final } = await risingAfterEpoch3(spec({ restore_best: false, patience: 3 }));
  assert.equal(logs.length, 6);
  assert.equal(final, 6);
});

test('min_delta counts only improvements larger than it', async () => {
  // 1 beats 4 by 3 (> 1.5); 0 beats 1 by only 1: no improvement at epoch 3, stop after epoch 4.
  const { logs, final } = await risingAfterEpoch3(spec({ min_delta: 1.5 }));
  assert.equal(logs.length, 4);
  assert.equal(final, 2);
});

test('without early stopping every epoch is trained', async () => {
  const { logs, final } = await risingAfterEpoch3(undefined, 7);
  assert.equal(logs.length, 7);
  assert.equal(final, 7);
});

test('the rule replayed over a history says where it stopped and which epoch was best', () => {
  const history = [0.5, 0.4, 0.41, 0.39, 0.395, 0.4, 0.38].map((v, i) => ({ epoch: i + 1, metrics: { val_loss: v } }));
  assert.deepEqual(earlyStoppingOutcome(spec(), history), { stopped_epoch: 6, best_epoch: 4, best: 0.39 });
  assert.deepEqual(earlyStoppingOutcome(spec({ patience: 5 }), history), {
    stopped_epoch: 0,
    best_epoch: 7,
    best: 0.38,
  });
});

test('an accuracy is maximised and patience 0 stops at the first epoch without improvement', () => {
  const es = new EarlyStopping(spec({ monitor: 'val_acc', mode: 'max', patience: 0 }));
  assert.deepEqual(es.update(1, { val_acc: 0.5 }), { improved: true, stop: false });
  assert.deepEqual(es.update(2, { val_acc: 0.6 }), { improved: true, stop: false });
  assert.deepEqual(es.update(3, { val_acc: 0.6 }), { improved: false, stop: true });
  assert.equal(es.bestEpoch, 2);
});

test('an epoch without the monitored metric is ignored', () => {
  const es = new EarlyStopping(spec({ patience: 1 }));
  es.update(1, { val_loss: 1 });
  assert.deepEqual(es.update(2, { loss: 5 }), { improved: false, stop: false });
  assert.deepEqual(es.update(3, { val_loss: 2 }), { improved: false, stop: true });
});
