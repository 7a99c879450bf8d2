import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LayersClassifier } from '../../src/models/classifier.js';
import { buildClassifier, validateClassifierSpec } from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

before(useCpu);

test('a dense classifier trained briefly on real digits is far above chance on held-out digits', async () => {
  const clf = buildClassifier({ arch: 'dense', filters: [], dense: [64], dropout: 0.2 }, [784], 10, 3);
  try {
    const train = digits(50, 0, [784]); // 500 images
    const test_ = digits(20, 600, [784]);
    const logs = await clf.train(train, test_, trainSpec({ epochs: 3, batch_size: 32 }), 3);
    const last = logs[2]!.metrics;
    for (const k of ['loss', 'acc', 'val_loss', 'val_acc']) assert.ok(Number.isFinite(last[k]), `logs ${k}`);
    assert.ok(last.loss! < logs[0]!.metrics.loss!);
    const { loss, acc } = await clf.evaluate(test_);
    assert.ok(acc > 0.7, `held-out accuracy ${acc} (chance is 0.1)`);
    assert.ok(Math.abs(acc - last.val_acc!) < 1e-6 && Math.abs(loss - last.val_loss!) < 1e-5);
    const predicted = await clf.predict(test_);
    const agree = predicted.filter((p, i) => p === test_.labels[i]).length / test_.n;
    assert.ok(Math.abs(agree - acc) < 1e-6, `predict (${agree}) agrees with evaluate (${acc})`);
  } finally {
    clf.dispose();
  }
});

test('the cnn classifier is Keras mnist_cnn and a narrow one trains on image-shaped digits', async () => {
  const clf = buildClassifier(
    { arch: 'cnn', filters: [32, 64], dense: [128], dropout: 0.25 },
    [28, 28, 1],
    10,
  ) as LayersClassifier;
  try {
    const layers = clf.model.layers.map((l) => `${l.getClassName()}:${(l.outputShape as number[]).slice(1).join('x')}`);
    assert.deepEqual(layers, [
      'Conv2D:26x26x32',
      'Conv2D:24x24x64',
      'MaxPooling2D:12x12x64',
      'Dropout:12x12x64',
      'Flatten:9216',
      'Dense:128',
      'Dropout:128',
      'Dense:10',
      'Activation:10',
    ]);
  } finally {
    clf.dispose();
  }
  // Training the full-size cnn on the pure-JS backend takes minutes per batch: train a narrow one.
  const small = buildClassifier({ arch: 'cnn', filters: [4, 4], dense: [16], dropout: 0.25 }, [28, 28, 1], 10, 1);
  try {
    const x = digits(2);
    const logs = await small.train(
      x,
      undefined,
      trainSpec({ epochs: 3, batch_size: 10, optimizer: { name: 'adam', learning_rate: 0.01 } }),
      1,
    );
    assert.ok(logs.every((l) => Number.isFinite(l.metrics.loss) && Number.isFinite(l.metrics.acc)));
    assert.ok(logs[2]!.metrics.loss! < logs[0]!.metrics.loss!, logs.map((l) => l.metrics.loss).join(' -> '));
    assert.equal((await small.predict(x)).length, 20);
  } finally {
    small.dispose();
  }
});

test('classifier specs that cannot be built are reported as problems, and building one throws', () => {
  const cnn = { arch: 'cnn', filters: [32, 64], dense: [128], dropout: 0.25 } as const;
  assert.deepEqual(validateClassifierSpec(cnn, [28, 28, 1], 10), []);
  assert.match(validateClassifierSpec(cnn, [784], 10).join('\n'), /image-shaped inputs/);
  assert.match(validateClassifierSpec({ ...cnn, dropout: 1 }, [28, 28, 1], 10).join('\n'), /dropout/);
  assert.match(validateClassifierSpec(cnn, [28, 28, 1], 1).join('\n'), /at least 2 classes/);
  assert.deepEqual(
    validateClassifierSpec({ ...cnn, arch: 'dense' }, [4, 4, 8], 10),
    [],
    'a dense classifier takes any shape, e.g. conv codes',
  );
  assert.throws(() => buildClassifier(cnn, [784], 10), /image-shaped/);
});
