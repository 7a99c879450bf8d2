import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataSplit } from '../../src/data/load.js';
import { loadClassifier } from '../../src/models/index.js';
import { asSamples } from '../../src/stages/sample-views.js';
import { runCli, type CliResult } from '../support/cli.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { useCpu } from '../support/models-fixtures.js';

/**
 * A classifier on pixels and labels drawn at random has nothing to learn but the training images
 * by heart: its training loss falls while its validation loss, on other random images, rises.
 * Early stopping must end it `patience` epochs after the best validation loss and leave the
 * best epoch's weights in the saved model.
 */
const EPOCHS = 12;
const PATIENCE = 2;
const SEED = 4;
const experiment = `name: early-stop
seed: ${SEED}
data:
  noise: { source: idx, path: noise, train: 300, validation: 100 }
stages:
  clf:
    type: classifier
    input: noise
    arch: dense
    dense: [512]
    train:
      epochs: ${EPOCHS}
      batch_size: 50
      optimizer: { name: adam, learning_rate: 0.003 }
      early_stopping: { monitor: val_loss, patience: ${PATIENCE}, min_delta: 0, restore_best: true }
`;

let dir: string;
let remove: () => Promise<void>;
let result: CliResult;
let runDir: string;
let valLoss: number[];
before(async () => {
  ({ dir, remove } = await tempDir('early-stopping'));
  await mkdir(path.join(dir, 'noise'));
  await writeIdxFolder(path.join(dir, 'noise'), generateIdx(400, 100), false);
  await writeFile(path.join(dir, 'experiment.yaml'), experiment);
  result = await runCli(['run', 'experiment.yaml'], dir);
  const runs = (await readdir(path.join(dir, 'runs'))).filter((f) => !f.startsWith('.'));
  runDir = path.join(dir, 'runs', runs[0]!);
  const lines = (await readFile(path.join(runDir, 'metrics.jsonl'), 'utf8')).trim().split('\n');
  valLoss = lines
    .map((l) => JSON.parse(l) as { stage: string; key: string; value: number; step: number })
    .filter((m) => m.stage === 'clf' && m.key === 'val_loss')
    .sort((a, b) => a.step - b.step)
    .map((m) => m.value);
});
after(() => remove());

/** Keras' rule, worked by hand: stop once `patience` epochs in a row fail to beat the best. */
function expectedStop(losses: readonly number[]): { stopped: number; best: number } {
  let best = Infinity;
  let bestEpoch = 0;
  let wait = 0;
  for (let i = 0; i < losses.length; i++) {
    if (losses[i]! < best) {
      best = losses[i]!;
      bestEpoch = i + 1;
      wait = 0;
    } else if (++wait >= PATIENCE) return { stopped: i + 1, best: bestEpoch };
  }
  return { stopped: losses.length, best: bestEpoch };
}

test('early stopping ends the stage patience epochs after its best validation loss, and says where', async () => {
  assert.equal(result.code, 0, result.stderr);
  const { stopped, best } = expectedStop(valLoss);
  assert.ok(stopped < EPOCHS, `the validation loss never stopped improving: ${valLoss.join(', ')}`);
  assert.equal(valLoss.length, stopped, 'epochs trained after the stop');
  assert.equal(stopped, best + PATIENCE);
  const record = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8'));
  assert.equal(record.stages.clf.metrics.stopped_epoch, stopped);
  assert.equal(record.stages.clf.metrics.best_epoch, best);
  assert.equal(record.stages.clf.metrics.val_loss, valLoss[best - 1], 'the final val_loss is the best epoch');
  assert.match(result.stdout, new RegExp(`clf: done in [\\d.]+s .*stopped_epoch=${stopped} best_epoch=${best}`));
  assert.match(result.stdout, new RegExp(`clf epoch ${stopped}/${EPOCHS} `));
  assert.doesNotMatch(result.stdout, new RegExp(`clf epoch ${stopped + 1}/${EPOCHS} `));
  const report = await readFile(path.join(runDir, 'report.html'), 'utf8');
  assert.match(report, /stopped_epoch/);
  // The validation split is recorded with the data set, in its identity too.
  const noise = record.datasets.find((d: { name: string }) => d.name === 'noise');
  assert.equal(noise.validation, 100);
  assert.equal(noise.train, 300);
  assert.match(noise.identity, /validation=100/);
});

test('the saved model holds the weights of the best epoch, not the last', async () => {
  await useCpu();
  const { best } = expectedStop(valLoss);
  const last = valLoss[valLoss.length - 1]!;
  assert.ok(
    Math.abs(last - valLoss[best - 1]!) > 0.01,
    `best and last epochs too close to tell: ${valLoss.join(', ')}`,
  );
  const split = await loadDataSplit(
    { source: 'idx', path: 'noise', train: 300, validation: 100 },
    { seed: SEED, projectDir: dir, cacheDir: path.join(dir, 'runs/.cache/data') },
  );
  assert.ok(split.ok && split.value.validation);
  const model = await loadClassifier(path.join(runDir, 'stages/clf/model'));
  assert.ok(model.ok, model.ok ? '' : model.error);
  try {
    const { loss } = await model.value.evaluate(asSamples(split.value.validation, model.value.inputShape));
    assert.ok(Math.abs(loss - valLoss[best - 1]!) < 1e-3, `saved model's val_loss ${loss}, best ${valLoss[best - 1]}`);
  } finally {
    model.value.dispose();
  }
});
