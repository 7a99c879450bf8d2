/** The `evaluate` stage type: a trained model applied to another input. Its code is in run.ts, loaded when a run needs it. */
import type { EvaluateStageConfig } from '../../types/experiment-config.js';
import { isObject } from '../../util/json.js';
import { type StageDefinition } from '../definition.js';
import { parseReference } from '../references.js';
import { CONFUSION, EVALUATION, FIGURE, PREDICTIONS } from '../artifacts.js';

export const evaluate: StageDefinition<EvaluateStageConfig> = {
  type: 'evaluate',
  // Only when the evaluated model is an autoencoder: see `unavailable`.
  outputs: { reconstructions: 'images' },
  // `input` first, then `model`: the order run.ts receives their values in.
  references: [
    { key: 'input', kind: 'images' },
    { key: 'model', kind: 'model' },
  ],
  // A classifier's scores, or an autoencoder's figure: what the evaluated model's stage writes.
  artifacts: { figure: FIGURE, confusion: CONFUSION, evaluation: EVALUATION, predictions: PREDICTIONS },
  headline: { metric: 'test_acc', maximize: true },
  report: { role: 'scores-model' },
  unavailable(name, stage, output, stages) {
    if (output !== 'reconstructions' || typeof stage.model !== 'string') return undefined; // a missing model is reported where it is named
    const model = stages[parseReference(stage.model).node];
    return isObject(model) && model.type !== 'autoencoder'
      ? `\`${name}\` evaluates a classifier, which gives metrics, not reconstructions`
      : undefined;
  },
  // A trained autoencoder's reconstructions keep the shape of what it was given.
  outputFlow: (stage, output, flowOf) => (output === 'reconstructions' ? flowOf(stage.input) : undefined),
  planLabel: (c) => `evaluate (${c.model} on ${c.input})`,
  describe: (c) => `${c.model} applied to ${c.input}`,
  training: () => '',
  load: async () => (await import('./run.js')).evaluateStage,
};
