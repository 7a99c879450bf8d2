/** The `classifier` stage type: everything but its training code (run.ts, loaded when a run needs it). */
import type { ClassifierStageConfig } from '../../types/experiment-config.js';
import { type Json } from '../../util/json.js';
import { size, type Flow, type SettingCheck, type StageDefinition } from '../definition.js';
import { convNet, counts, denseNet } from '../net-size.js';
import { describeTraining, trainAsUsed } from '../train.js';
import { CONFUSION, EVALUATION, MODEL, PREDICTIONS } from '../artifacts.js';
import { CLASSIFIER_MODEL } from './spec.js';

const CLASSES = 10;
/** What the memory estimate assumes when the file's lists are unusable (the schema's defaults). */
const ASSUMED_DENSE = [128];
const ASSUMED_FILTERS = [32, 64];

export function archName(c: ClassifierStageConfig): string {
  return c.arch === 'cnn' ? 'CNN' : c.arch === 'dense' ? 'dense classifier' : 'classifier';
}

function describe(c: ClassifierStageConfig): string {
  const parts: string[] = [];
  if (c.arch === 'cnn' && c.filters?.length) parts.push(`filters ${c.filters.join('-')}`);
  if (c.dense?.length) parts.push(`dense ${c.dense.join('-')}`);
  // Run folders written before dense_dropout existed used `dropout` for both places.
  const denseDropout = c.dense_dropout ?? c.dropout;
  if (c.dropout || denseDropout)
    parts.push(denseDropout === c.dropout ? `dropout ${c.dropout}` : `dropout ${c.dropout ?? 0}/${denseDropout}`);
  return parts.length ? `${archName(c)} (${parts.join(', ')})` : archName(c);
}

function check(stage: Json, input: Flow | undefined): SettingCheck[] {
  if (stage.arch === 'cnn' && input !== undefined && input.shape.length === 1) {
    return [
      {
        severity: 'error',
        message: `a CNN needs images, but \`${String(stage.input)}\` are flat vectors of ${input.shape[0]} values`,
        key: 'input',
        target: 'value',
        hint: 'set `arch: dense` for codes of a dense autoencoder, or use a convolutional autoencoder',
      },
    ];
  }
  return [];
}

export const classifier: StageDefinition<ClassifierStageConfig> = {
  type: 'classifier',
  outputs: { model: 'model' },
  references: [{ key: 'input', kind: 'images' }],
  artifacts: { model: MODEL, confusion: CONFUSION, evaluation: EVALUATION, predictions: PREDICTIONS },
  headline: { metric: 'test_acc', maximize: true },
  // What a sweep is for: how well a classifier does on another stage's output.
  objectiveClaim: (readsOutput) => (readsOutput ? 2 : 0),
  modelKind: CLASSIFIER_MODEL,
  report: {
    role: 'classification',
    pictures: [
      { file: CONFUSION.file, caption: 'confusion matrix on the test split', scale: 2, onlyForObjective: true },
    ],
  },
  subject: (c) => archName(c),
  outputFlow: () => undefined,
  net(stage, input) {
    const head = counts(stage.dense, ASSUMED_DENSE);
    if (stage.arch === 'dense' || input.length !== 3)
      return { ...denseNet([size(input), ...head, CLASSES]), outputValues: 0 };
    const filters = counts(stage.filters, ASSUMED_FILTERS);
    const body = convNet([input[2]!, ...filters], input[0]!, input[1]!);
    // Unpadded 3x3 convolutions, then one 2x2 pooling (Keras' mnist_cnn).
    const side = (n: number) => Math.max(1, Math.floor((n - 2 * filters.length) / 2));
    const flat = side(input[0]!) * side(input[1]!) * filters[filters.length - 1]!;
    const top = denseNet([flat, ...head, CLASSES]);
    return { params: body.params + top.params, activations: body.activations + top.activations, outputValues: 0 };
  },
  check,
  planLabel: (c) => `classifier (${c.arch}, ${c.train.epochs} epochs)`,
  describe,
  training: (c) => describeTraining(c.train, false),
  // Classifiers always train with categorical cross-entropy, whatever `train.loss` says.
  asTrained: (c) => ({ ...c, train: trainAsUsed(c.train, 'categorical_crossentropy') }),
  load: async () => (await import('./run.js')).classifierStage,
};
