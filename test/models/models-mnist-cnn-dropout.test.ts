import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { ClassifierStageConfig } from '../../src/types/experiment-config.js';
import { loadExperiment } from '../../src/config/load.js';
import { buildClassifier } from '../../src/models/index.js';
import type { LayersClassifier } from '../../src/models/classifier.js';
import { classifierSpec } from '../../src/stages/classifier/spec.js';
import { tempDir } from '../support/data-helpers.js';

/** Dropout layers of a built classifier as "after-layer:rate". */
function dropouts(clf: LayersClassifier): string[] {
  const layers = clf.model.layers;
  return layers.flatMap((l, i) =>
    l.getClassName() === 'Dropout'
      ? [`${layers[i - 1]!.getClassName()}:${(l.getConfig() as { rate: number }).rate}`]
      : [],
  );
}

test('a cnn classifier left at its defaults is Keras mnist_cnn: dropout 0.25 after pooling and 0.5 after dense 128', async () => {
  const { dir, remove } = await tempDir('mnist-cnn');
  try {
    const file = path.join(dir, 'cnn.yaml');
    await writeFile(
      file,
      'name: cnn\ndata:\n  digits: { source: mnist, train: 100, test: 10 }\nstages:\n  cnn: { type: classifier, input: digits }\n',
    );
    const loaded = await loadExperiment(file, { projectDir: dir });
    assert.ok(loaded.experiment, JSON.stringify(loaded.diagnostics));
    const config = loaded.experiment.config.stages.cnn as ClassifierStageConfig;
    assert.deepEqual([config.dropout, config.dense_dropout], [0.25, 0.5]);
    const clf = buildClassifier(classifierSpec(config), [28, 28, 1], 10) as LayersClassifier;
    try {
      assert.deepEqual(dropouts(clf), ['MaxPooling2D:0.25', 'Dense:0.5']);
    } finally {
      clf.dispose();
    }
  } finally {
    await remove();
  }
});

test('the two dropout rates are set apart, and a spec with one rate uses it in both places', () => {
  const two = buildClassifier(
    { arch: 'cnn', filters: [4, 4], dense: [16, 8], dropout: 0.1, dense_dropout: 0.3 },
    [28, 28, 1],
    10,
  ) as LayersClassifier;
  const one = buildClassifier(
    { arch: 'cnn', filters: [4, 4], dense: [16], dropout: 0.2 },
    [28, 28, 1],
    10,
  ) as LayersClassifier;
  try {
    assert.deepEqual(dropouts(two), ['MaxPooling2D:0.1', 'Dense:0.3', 'Dense:0.3']);
    assert.deepEqual(dropouts(one), ['MaxPooling2D:0.2', 'Dense:0.2']);
  } finally {
    two.dispose();
    one.dispose();
  }
});
