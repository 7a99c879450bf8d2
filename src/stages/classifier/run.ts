import path from 'node:path';
import { CONFUSION, EVALUATION, MODEL, PREDICTIONS } from '../artifacts.js';
import type { Evaluation, Predictions } from '../../types/stage-files.js';
import type { ClassifierStageConfig } from '../../types/experiment-config.js';
import { buildClassifier, validateClassifierSpec } from '../../models/index.js';
import { StageError } from '../stage.js';
import { confusionMatrix, confusionMatrixChart, perClassScores, toPng } from '../../pictures/index.js';
import { writeFileAtomic, writeJsonAtomic } from '../../util/atomic.js';
import { asSamples, imageShape } from '../sample-views.js';
import { trainSpec } from '../train.js';
import { CLASSIFIER_MODEL, classifierSpec } from './spec.js';
import { trainingCallbacks } from '../progress.js';
import type { StageContext, StageKind } from '../stage.js';
import type { StageResult } from '../../types/stage-values.js';
import type { Classifier, LabelledSamples } from '../../models/types.js';

/**
 * Trains a classifier on labelled images (raw digits, reconstructions or codes), validated on the
 * test split, and reports test accuracy, per-class precision and recall and a confusion matrix.
 */
export const classifierStage: StageKind<ClassifierStageConfig> = {
  async run(config, inputs, ctx): Promise<StageResult> {
    const input = inputs[0];
    if (input?.kind !== 'images') throw new Error(`bug: classifier ${ctx.name} got ${input?.kind ?? 'no'} input`);
    const { train, test } = input.split;
    // Validation rejects a CNN on flat codes, so a flat input here always goes to a dense model.
    const shape = input.flat ? [train.height * train.width * train.channels] : imageShape(train);
    const spec = classifierSpec(config);
    const problems = validateClassifierSpec(spec, shape, train.classes);
    if (problems.length) throw new StageError(`${ctx.name}: ${problems.join('; ')}`);
    const model = buildClassifier(spec, shape, train.classes, ctx.seed);
    try {
      const training = trainSpec(config.train);
      const history = await model.train(
        asSamples(train, shape),
        asSamples(test, shape),
        training,
        ctx.seed,
        trainingCallbacks(ctx, training.epochs),
      );
      const last = history[history.length - 1]?.metrics ?? {};
      await model.save(path.join(ctx.dir, MODEL.file));
      ctx.emit({
        type: 'artifact',
        stage: ctx.name,
        path: `${ctx.relDir}/model`,
        description: 'trained classifier (TensorFlow.js layers format)',
      });
      const metrics: Record<string, number> = {
        ...(await writeClassifierEvaluation(model, asSamples(test, shape), ctx)),
      };
      if (last.loss !== undefined) metrics.train_loss = last.loss;
      if (last.acc !== undefined) metrics.train_acc = last.acc;
      return {
        outputs: { model: { kind: 'model', dir: path.join(ctx.dir, MODEL.file), model: CLASSIFIER_MODEL } },
        metrics,
      };
    } finally {
      model.dispose();
    }
  },
};

/**
 * Scores a classifier on a labelled test set and writes what a person looks at: the confusion
 * matrix as a picture and evaluation.json with per-class precision and recall.
 */
export async function writeClassifierEvaluation(
  model: Classifier,
  test: LabelledSamples,
  ctx: StageContext,
): Promise<{ test_loss: number; test_acc: number }> {
  const evaluation = await model.evaluate(test);
  const predictions = await model.predict(test);
  const matrix = confusionMatrix(test.labels, predictions, test.classes);
  const classNames = Array.from({ length: test.classes }, (_, i) => String(i));
  const chart = await confusionMatrixChart(matrix, classNames, { title: `${ctx.name}: test confusion matrix` });
  await writeFileAtomic(path.join(ctx.dir, CONFUSION.file), toPng(chart.svg));
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${CONFUSION.file}`,
    description: 'confusion matrix on the test split',
  });
  const written: Evaluation = {
    test_loss: evaluation.loss,
    test_acc: evaluation.acc,
    confusion_matrix: matrix,
    per_class: perClassScores(matrix),
  };
  await writeJsonAtomic(path.join(ctx.dir, EVALUATION.file), written);
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${EVALUATION.file}`,
    description: 'test metrics, confusion matrix, per-class precision and recall',
  });
  // Each test image's label and prediction, in test-set order (PREDICTIONS):
  // the report compares two classifiers scored on the same images image by image (paired).
  const perImage: Predictions = { labels: Array.from(test.labels), predicted: Array.from(predictions) };
  await writeJsonAtomic(path.join(ctx.dir, PREDICTIONS.file), perImage);
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${PREDICTIONS.file}`,
    description: "each test image's label and predicted class, in test-set order",
  });
  return { test_loss: evaluation.loss, test_acc: evaluation.acc };
}
