/**
 * A data set stays in the bytes its files hold (4x smaller than float32) until a model makes a
 * batch of it, and training on the bytes is the same computation as training on b/255 floats.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadDataSplit } from '../../src/data/load.js';
import { readOfficialTrainingDigits } from '../../src/data/mnist-official.js';
import { buildAutoencoder, buildClassifier, type LabelledSamples } from '../../src/models/index.js';
import { floatRange, gatherFloatRows, meanAbsDifference, unitValue } from '../../src/util/pixels.js';
import { tempDir } from '../support/data-helpers.js';
import { trainSpec, useCpu } from '../support/models-fixtures.js';

let dir: string;
let remove: () => Promise<void>;
before(async () => {
  await useCpu();
  ({ dir, remove } = await tempDir('bytes'));
});
after(() => remove());

function digitsAsBytes(n: number): LabelledSamples {
  const { pixels, labels } = readOfficialTrainingDigits(n);
  return { x: pixels, n, shape: [784], labels, classes: 10 };
}

function asFloats(s: LabelledSamples): LabelledSamples {
  return { ...s, x: Float32Array.from(s.x, (b) => b / 255) };
}

test('an official MNIST split in memory is the uint8 pixels, one byte per pixel', async () => {
  const split = await loadDataSplit(
    { source: 'mnist', train: 500, test: 100 },
    { seed: 3, projectDir: dir, cacheDir: path.join(dir, 'cache') },
  );
  assert.ok(split.ok, split.ok ? '' : split.error);
  assert.ok(split.value.train.images instanceof Uint8Array);
  assert.equal(split.value.train.images.length, 500 * 784);
  assert.ok(split.value.test.images instanceof Uint8Array);
  assert.equal(split.value.test.images.length, 100 * 784);
});

test('a batch made from bytes holds exactly b/255, as Keras x / 255. does', () => {
  const bytes = Uint8Array.from({ length: 3 * 4 }, (_, i) => (i * 23) % 256);
  const rows = gatherFloatRows(bytes, 4, [2, 0]);
  assert.deepEqual(
    Array.from(rows),
    [8, 9, 10, 11, 0, 1, 2, 3].map((i) => Math.fround(((i * 23) % 256) / 255)),
  );
  assert.equal(unitValue(bytes, 11), Math.fround(253 / 255));
  assert.equal(meanAbsDifference(bytes, floatRange(bytes)), 0);
  assert.equal(meanAbsDifference(new Uint8Array([255, 0]), new Float32Array([0, 0])), 0.5);
});

test('an autoencoder trained on bytes matches one trained on the same digits as floats', async () => {
  const train = digitsAsBytes(200);
  const spec = {
    variant: 'undercomplete',
    latent: 8,
    hidden: [],
    activation: 'relu',
    output_activation: 'sigmoid',
  } as const;
  let peakTensorBytes = 0;
  const run = async (samples: LabelledSamples) => {
    const ae = buildAutoencoder(spec, [28, 28, 1], 5);
    try {
      const logs = await ae.train(samples, samples, trainSpec({ epochs: 2, batch_size: 32 }), 7, {
        onBatch: () => void (peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes)),
      });
      const reconstruction = await ae.reconstruct(samples);
      return { logs: logs.map((l) => l.metrics), reconstruction: Array.from(reconstruction.x) };
    } finally {
      ae.dispose();
    }
  };
  const fromBytes = await run(train);
  const fromFloats = await run(asFloats(train));
  assert.deepEqual(fromBytes, fromFloats);
  assert.ok(fromBytes.logs[1]!.val_loss! < fromBytes.logs[0]!.loss!, 'it learned something');
  // The backend holds the weights, the optimizer's state and a batch, never the training set.
  const setAsFloats = train.n * 784 * 4;
  assert.ok(peakTensorBytes < setAsFloats / 2, `tensors held while training: ${peakTensorBytes} bytes`);
});

test('a classifier trained on bytes matches one trained on the same digits as floats', async () => {
  const train = digitsAsBytes(300);
  const run = async (samples: LabelledSamples) => {
    const clf = buildClassifier({ arch: 'dense', filters: [], dense: [32], dropout: 0.2 }, [784], 10, 3);
    try {
      const logs = await clf.train(samples, samples, trainSpec({ epochs: 2, batch_size: 32 }), 9);
      return {
        logs: logs.map((l) => l.metrics),
        predicted: Array.from(await clf.predict(samples)),
        evaluation: await clf.evaluate(samples),
      };
    } finally {
      clf.dispose();
    }
  };
  const fromBytes = await run(train);
  const fromFloats = await run(asFloats(train));
  assert.deepEqual(fromBytes, fromFloats);
  assert.ok(fromBytes.evaluation.acc > 0.5, `accuracy ${fromBytes.evaluation.acc} is above chance`);
});
