import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { onBackend, relativeError, seededValues } from '../support/backend-compare.js';

const batch = 4;
const side = 12;
const classes = 3;

/** conv - pool - conv (stride 2) - dense, with weights fixed so both backends start equal. */
function buildModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [side, side, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
  model.setWeights(
    model.getWeights().map((w, i) =>
      tf.tensor(
        seededValues(w.size, 100 + i).map((v) => v * 0.5),
        w.shape,
      ),
    ),
  );
  return model;
}

function data(): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const x = tf.tensor4d(seededValues(batch * side * side, 7).map(Math.abs), [batch, side, side, 1]);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), classes).toFloat() as tf.Tensor2D;
  return { x, y };
}

function weightGradients(): tf.Tensor[] {
  const model = buildModel();
  const { x, y } = data();
  const { grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar,
    model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
  );
  return Object.values(grads);
}

test('a conv-pool-dense model trains one step with model.fit on wasm', async () => {
  await onBackend('wasm', () => tf.scalar(0));
  const model = buildModel();
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const before = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  const { x, y } = data();
  const history = await model.fit(x, y, { epochs: 1, batchSize: batch, verbose: 0 });
  const loss = history.history['loss']![0] as number;
  assert.equal(tf.getBackend(), 'wasm');
  assert.ok(Number.isFinite(loss), `loss ${loss}`);
  const after = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  // Every weight tensor moved: a missing gradient would leave one unchanged.
  after.forEach((w, i) => assert.ok(relativeError(w, before[i]!) > 0, `weight ${i} did not change`));
});

test("the conv model's weight gradients on wasm equal the cpu backend's", async () => {
  const cpu = await onBackend('cpu', weightGradients);
  const wasm = await onBackend('wasm', weightGradients);
  assert.equal(wasm.length, cpu.length);
  cpu.forEach((g, i) => {
    const err = relativeError(wasm[i]!, g);
    assert.ok(err < 1e-4, `gradient ${i}: relative error ${err}`);
  });
});
