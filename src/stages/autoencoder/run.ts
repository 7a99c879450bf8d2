import path from 'node:path';
import { FIGURE } from '../artifacts.js';
import type { AutoencoderStageConfig } from '../../types/experiment-config.js';
import type { DataSplit, ImageSet } from '../../data/types.js';
import { buildAutoencoder, isVariational, validateAutoencoderSpec } from '../../models/index.js';
import type { VariationalAutoencoder } from '../../models/vae.js';
import { StageError } from '../stage.js';
import type { Autoencoder, Samples } from '../../models/types.js';
import { autoencoderFigure, renderImageRows, type ImageRow } from '../../pictures/index.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { floatRange } from '../../util/pixels.js';
import { asSamples, fromSamples, head, imageShape } from '../sample-views.js';
import { trainSpec } from '../train.js';
import { autoencoderSpec } from './spec.js';
import { analyseAutoencoder } from './analysis.js';
import { trainingCallbacks } from '../progress.js';
import type { StageContext, StageKind } from '../stage.js';
import type { StageResult } from '../../types/stage-values.js';
import type { StageValue } from '../../types/stage-values.js';

/** How many test digits the seed's figure shows. */
const FIGURE_SAMPLES = 10;

/**
 * Trains an autoencoder on its input's training split, validated on the test split as the seed
 * does, and offers its reconstructions and codes of both splits to the stages after it.
 */
export const autoencoderStage: StageKind<AutoencoderStageConfig> = {
  async run(config, inputs, ctx): Promise<StageResult> {
    const input = inputs[0];
    if (input?.kind !== 'images') throw new Error(`bug: autoencoder ${ctx.name} got ${input?.kind ?? 'no'} input`);
    const split = input.split;
    const spec = autoencoderSpec(config);
    const problems = validateAutoencoderSpec(spec, imageShape(split.train));
    if (problems.length) throw new StageError(`${ctx.name}: ${problems.join('; ')}`);
    const ae = buildAutoencoder(spec, imageShape(split.train), ctx.seed);
    try {
      const training = trainSpec(config.train);
      const started = performance.now();
      const history = await ae.train(
        asSamples(split.train, ae.inputShape),
        asSamples(split.test, ae.inputShape),
        training,
        ctx.seed,
        trainingCallbacks(ctx, training.epochs),
      );
      const trainingSeconds = (performance.now() - started) / 1000;
      const last = history[history.length - 1]?.metrics ?? {};
      const testLoss = await ae.evaluate(asSamples(split.test, ae.inputShape), training.loss);

      // Reconstructions keep the input's image shape (a dense AE works on flat vectors internally).
      const reconstructions = await transformSplit(
        split,
        `${split.identity}|${ctx.name}.reconstructions`,
        (s) => ae.reconstruct(asSamples(s, ae.inputShape)),
        true,
      );
      const codes = await transformSplit(
        split,
        `${split.identity}|${ctx.name}.codes`,
        (s) => ae.encode(asSamples(s, ae.inputShape)),
        false,
      );

      await ae.save(path.join(ctx.dir, 'model'));
      ctx.emit({
        type: 'artifact',
        stage: ctx.name,
        path: `${ctx.relDir}/model`,
        description: 'trained autoencoder (TensorFlow.js layers format)',
      });
      await drawFigure(ae, split.test, codes.test, reconstructions.test, ctx);
      if (isVariational(ae)) await drawSamples(ae, ctx);
      const analysed = await analyseAutoencoder(ae, split, codes, reconstructions, trainingSeconds, ctx);

      const outputs: Record<string, StageValue> = {
        reconstructions: { kind: 'images', split: reconstructions, flat: input.flat },
        codes: { kind: 'images', split: codes, flat: ae.codeShape.length === 1 },
        model: { kind: 'model', dir: path.join(ctx.dir, 'model'), model: 'autoencoder' },
      };
      // A denoising autoencoder is judged as the Keras blog does: noisy test inputs against clean
      // targets (its validation loss, with fixed-seed noise); the loss on clean inputs is kept too.
      const denoiser = spec.noise !== undefined && last.val_reconstruction !== undefined;
      const metrics: Record<string, number> = denoiser
        ? { test_loss: last.val_reconstruction!, test_loss_clean: testLoss }
        : { test_loss: testLoss };
      if (last.loss !== undefined) metrics.train_loss = last.loss;
      if (last.val_binary_accuracy !== undefined) metrics.test_binary_accuracy = last.val_binary_accuracy;
      // Variant extras (mean code activation, KL term) that say more than the loss itself.
      for (const [k, v] of Object.entries(last))
        if (k !== 'loss' && !k.startsWith('val_') && v !== last.loss) metrics[`final_${k}`] = v;
      Object.assign(metrics, analysed);
      return { outputs, metrics };
    } finally {
      ae.dispose();
    }
  },
};

async function transformSplit(
  split: DataSplit,
  identity: string,
  f: (set: ImageSet) => Promise<Samples>,
  keepShape: boolean,
): Promise<DataSplit> {
  const train = fromSamples(await f(split.train), split.train, keepShape);
  const test = fromSamples(await f(split.test), split.test, keepShape);
  return { train, test, identity };
}

/** Rows of images as a PNG, one image per sample of `samples`. */
function rowsOf(samples: Samples, [h, w, c]: readonly [number, number, number], perRow: number): ImageRow[] {
  const size = h * w * c;
  const rows: ImageRow[] = [];
  for (let start = 0; start < samples.n; start += perRow) {
    const images = [];
    for (let i = start; i < Math.min(samples.n, start + perRow); i++)
      images.push({ pixels: floatRange(samples.x, i * size, (i + 1) * size), height: h, width: w, channels: c });
    rows.push({ label: '', images });
  }
  return rows;
}

/** A VAE also generates: digits decoded from points drawn from the prior (its manifold is an analysis). */
async function drawSamples(ae: VariationalAutoencoder, ctx: StageContext): Promise<void> {
  const shape = ae.inputShape.length === 3 ? (ae.inputShape as [number, number, number]) : ([28, 28, 1] as const);
  const samples = await ae.sample(40, ctx.seed);
  await writeFileAtomic(
    path.join(ctx.dir, 'samples.png'),
    renderImageRows(rowsOf(samples, shape, 10), { scale: 2, gap: 2 }),
  );
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/samples.png`,
    description: '40 digits decoded from points drawn from the prior N(0, 1)',
  });
}

/** The seed's figure: test originals, their codes drawn as small images, their reconstructions. */
async function drawFigure(
  ae: Autoencoder,
  test: ImageSet,
  codes: ImageSet,
  reconstructions: ImageSet,
  ctx: StageContext,
): Promise<void> {
  const png = await autoencoderFigure(
    asSamples(head(test, FIGURE_SAMPLES), ae.inputShape),
    asSamples(head(codes, FIGURE_SAMPLES), ae.codeShape),
    asSamples(head(reconstructions, FIGURE_SAMPLES), ae.inputShape),
    { count: FIGURE_SAMPLES },
  );
  await writeFileAtomic(path.join(ctx.dir, FIGURE.file), png);
  ctx.emit({
    type: 'artifact',
    stage: ctx.name,
    path: `${ctx.relDir}/${FIGURE.file}`,
    description: 'originals, codes and reconstructions of 10 test images',
  });
}
