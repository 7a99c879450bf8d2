import path from 'node:path';
import { FIGURE } from '../artifacts.js';
import { CLASSIFIER_MODEL } from '../classifier/spec.js';
import type { EvaluateStageConfig } from '../../types/experiment-config.js';
import type { DataSplit } from '../../data/types.js';
import { loadAutoencoder, loadClassifier } from '../../models/index.js';
import { autoencoderFigure } from '../../pictures/index.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { meanAbsDifference } from '../../util/pixels.js';
import { writeClassifierEvaluation } from '../classifier/run.js';
import { asSamples, fromSamples, head, imageShape } from '../sample-views.js';
import { StageError, type StageKind } from '../stage.js';
import type { StageResult } from '../../types/stage-values.js';
import type { StageValue } from '../../types/stage-values.js';

/**
 * A trained model applied to another input. A classifier is scored on the input's test split
 * (accuracy, per-class precision and recall, confusion matrix); an autoencoder reconstructs both
 * splits, so that e.g. noisy digits cleaned by a denoising autoencoder can go on to a classifier.
 */
export const evaluateStage: StageKind<EvaluateStageConfig> = {
  async run(config, inputs, ctx): Promise<StageResult> {
    const [input, model] = inputs;
    if (input?.kind !== 'images' || model?.kind !== 'model')
      throw new Error(`bug: evaluate ${ctx.name} got ${input?.kind}, ${model?.kind}`);
    const { train, test } = input.split;
    const values = train.height * train.width * train.channels;

    if (model.model === CLASSIFIER_MODEL) {
      const loaded = await loadClassifier(model.dir);
      if (!loaded.ok) throw new StageError(`${ctx.name}: cannot load ${config.model}: ${loaded.error}`);
      const classifier = loaded.value;
      try {
        const wanted = classifier.inputShape.reduce((a, b) => a * b, 1);
        if (wanted !== values)
          throw new StageError(
            `${ctx.name}: ${config.model} takes inputs of ${classifier.inputShape.join('x')} values, but ${config.input} has ${imageShape(train).join('x')}`,
          );
        const metrics = await writeClassifierEvaluation(classifier, asSamples(test, classifier.inputShape), ctx);
        return { outputs: {}, metrics };
      } finally {
        classifier.dispose();
      }
    }

    const loaded = await loadAutoencoder(model.dir);
    if (!loaded.ok) throw new StageError(`${ctx.name}: cannot load ${config.model}: ${loaded.error}`);
    const ae = loaded.value;
    try {
      const wanted = ae.inputShape.reduce((a, b) => a * b, 1);
      if (wanted !== values)
        throw new StageError(
          `${ctx.name}: ${config.model} takes inputs of ${ae.inputShape.join('x')} values, but ${config.input} has ${imageShape(train).join('x')}`,
        );
      const reconstruct = async (set: typeof train) =>
        fromSamples(await ae.reconstruct(asSamples(set, ae.inputShape)), set, true);
      const split: DataSplit = {
        train: await reconstruct(train),
        test: await reconstruct(test),
        identity: `${input.split.identity}|${ctx.name}`,
      };
      const codes = await ae.encode(asSamples(head(test, 10), ae.inputShape));
      const png = await autoencoderFigure(
        asSamples(head(test, 10), ae.inputShape),
        codes,
        asSamples(head(split.test, 10), ae.inputShape),
        { count: 10 },
      );
      await writeFileAtomic(path.join(ctx.dir, FIGURE.file), png);
      ctx.emit({
        type: 'artifact',
        stage: ctx.name,
        path: `${ctx.relDir}/${FIGURE.file}`,
        description: `10 test images of ${config.input}, their codes and their reconstructions by ${config.model}`,
      });
      const outputs: Record<string, StageValue> = { reconstructions: { kind: 'images', split, flat: input.flat } };
      // There are no clean targets here (the input may be noisy): report how much the model changed it.
      return { outputs, metrics: { mean_abs_change: meanAbsDifference(split.test.images, test.images) } };
    } finally {
      ae.dispose();
    }
  },
};
