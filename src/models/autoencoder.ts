/**
 * The Autoencoder contract implemented once over an encoder and a decoder tf.LayersModel.
 * Variants differ only in how those two models are built (dense.ts, conv.ts, vae.ts) and in the
 * loss terms added here (corruption, sparsity, contraction); the VAE overrides the objective.
 *
 * The two parts are separate models, applied one after the other, so that codes come straight
 * from the encoder and each part saves to its own folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadLayersModel, saveLayersModel } from './layers-io.js';
import type { Result } from '../types/result.js';
import { writeFileAtomic } from '../util/atomic.js';
import { binaryAccuracy, contractivePenalty, klSparsity, l1Activity, reconstructionLoss } from './losses.js';
import { corrupt } from './noise.js';
import { applyForLoss, type ModelOutput } from './output-head.js';
import { makeOptimizer } from './optimizers.js';
import { mixSeeds } from '../util/random.js';
import { checkFits, gatherTensor, mapInBatches, rowsTensor, sizeOf } from './batches.js';
import { evaluateObjective, runTrainingLoop, type StepResult } from './train-loop.js';
import type { Autoencoder, AutoencoderSpec, EpochLog, LossName, Samples, TrainCallbacks, TrainSpec } from './types.js';

/** Batch size for inference (encode/reconstruct/evaluate); only affects memory, not results. */
export const INFERENCE_BATCH = 256;
/** Seed stream for validation-time randomness (denoising corruption, VAE sampling). */
const VALIDATION_STREAM = 3;

/** Settings a variant's objective needs, defaults resolved (the variant table's). */
export type { ResolvedSettings } from './variants.js';
import type { ResolvedSettings } from './variants.js';

/** What save() writes next to the parts, enough to rebuild the wrapper in loadAutoencoder. */
export interface AutoencoderManifest {
  readonly format: 'aelab-autoencoder';
  readonly version: 1;
  readonly spec: AutoencoderSpec;
  readonly imageShape: readonly number[];
  readonly inputShape: readonly number[];
  readonly codeShape: readonly number[];
  readonly settings: ResolvedSettings;
}

export const MANIFEST_FILE = 'autoencoder.json';

export function trainableVariables(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
}

export class LayersAutoencoder implements Autoencoder {
  constructor(
    readonly spec: AutoencoderSpec,
    /** [h, w, c] of the images; samples drawn or decoded from codes come back in this shape. */
    readonly imageShape: readonly number[],
    readonly inputShape: readonly number[],
    readonly codeShape: readonly number[],
    readonly encoder: tf.LayersModel,
    readonly decoder: tf.LayersModel,
    readonly settings: ResolvedSettings,
  ) {}

  /** The code of a batch (for the VAE: the mean). */
  protected encodeTensor(x: tf.Tensor, training: boolean): tf.Tensor {
    return this.encoder.apply(x, { training }) as tf.Tensor;
  }

  protected decodeTensor(code: tf.Tensor, training: boolean): tf.Tensor {
    return this.decoder.apply(code, { training }) as tf.Tensor;
  }

  /** The decoder's logits when it ends in a sigmoid, for losses computed from logits. */
  protected decodeForLoss(code: tf.Tensor, training: boolean): ModelOutput {
    return applyForLoss(this.decoder, code, training);
  }

  /**
   * Loss of a clean batch `x`: reconstruction of x from (possibly corrupted) x plus the variant's
   * penalty. `loss` is the whole objective, `reconstruction` its reconstruction part (mean per
   * pixel), which is what compares across variants. Runs inside a tidy scope.
   */
  objective(x: tf.Tensor, seed: number, training: boolean, loss: LossName): StepResult {
    const s = this.settings;
    const input = s.noise ? corrupt(x, s.noise, seed) : x;
    const code = this.encodeTensor(input, training);
    const decoded = this.decodeForLoss(code, training);
    const reconstruction = reconstructionLoss(loss, x, decoded);
    const extras: Record<string, tf.Scalar> = { reconstruction };
    if (this.spec.metrics?.includes('binary_accuracy')) extras.binary_accuracy = binaryAccuracy(x, decoded);
    let total: tf.Scalar = reconstruction;
    if (s.sparsity) {
      const penalty =
        s.sparsity.kind === 'l1'
          ? l1Activity(code, s.sparsity.weight)
          : klSparsity(code as tf.Tensor2D, s.sparsity.rho, s.sparsity.beta);
      extras.sparsity_penalty = penalty;
      extras.mean_code_activation = tf.mean(code);
      total = tf.add(total, penalty);
    }
    if (s.contractiveWeight !== undefined) {
      const penalty = this.contractivePenalty(input);
      extras.contractive_penalty = penalty;
      total = tf.add(total, tf.mul(s.contractiveWeight, penalty));
    }
    return { loss: total, extras };
  }

  /** ||J||_F^2 of the encoder (a single dense layer, which validation guarantees) at x. */
  contractivePenalty(x: tf.Tensor): tf.Scalar {
    const dense = this.encoder.layers.find((l) => l.getClassName() === 'Dense');
    if (!dense) throw new Error('contractive autoencoder without a dense encoder layer');
    const [kernel, bias] = dense.weights.map((w) => w.read());
    const flat = tf.reshape(x, [x.shape[0]!, -1]) as tf.Tensor2D;
    return contractivePenalty(flat, kernel as tf.Tensor2D, bias as tf.Tensor1D | undefined, this.spec.activation);
  }

  async train(
    train: Samples,
    validation: Samples | undefined,
    spec: TrainSpec,
    seed: number,
    callbacks?: TrainCallbacks,
  ): Promise<EpochLog[]> {
    checkFits(train, this.inputShape);
    const xVal = validation && validation.n > 0 ? validation : undefined;
    if (xVal) checkFits(xVal, this.inputShape);
    const optimizer = makeOptimizer(spec.optimizer);
    try {
      return await runTrainingLoop({
        n: train.n,
        spec,
        seed,
        optimizer,
        variables: trainableVariables(this.encoder, this.decoder),
        batch: (indices) => gatherTensor(train, this.inputShape, indices),
        objective: (x, stepSeed) => this.objective(x, stepSeed, true, spec.loss),
        validate: xVal
          ? () =>
              // The same validation noise every epoch, so val_loss moves only with the model.
              evaluateObjective(xVal.n, spec.batch_size, (start, size, b) =>
                this.objective(
                  rowsTensor(xVal, this.inputShape, start, size),
                  mixSeeds(seed, VALIDATION_STREAM, b),
                  false,
                  spec.loss,
                ),
              )
          : undefined,
        callbacks,
      });
    } finally {
      optimizer.dispose();
    }
  }

  async encode(x: Samples): Promise<Samples> {
    const { data } = await mapInBatches(x.n, INFERENCE_BATCH, this.rows(x), (b) => this.encodeTensor(b, false));
    return { x: data, n: x.n, shape: this.codeShape };
  }

  /** Reconstructions, shaped like the given samples. */
  async reconstruct(x: Samples): Promise<Samples> {
    const { data } = await mapInBatches(x.n, INFERENCE_BATCH, this.rows(x), (b) =>
      this.decodeTensor(this.encodeTensor(b, false), false),
    );
    return { x: data, n: x.n, shape: x.shape };
  }

  async decode(codes: Samples): Promise<Samples> {
    checkFits(codes, this.codeShape);
    const t = rowsTensor(codes, this.codeShape, 0, codes.n);
    try {
      return await this.decodeAll(t);
    } finally {
      t.dispose();
    }
  }

  /** Mean per-pixel reconstruction loss of clean inputs (no corruption, VAE through its mean). */
  async evaluate(x: Samples, loss: LossName): Promise<number> {
    const rows = this.rows(x);
    const r = await evaluateObjective(
      x.n,
      INFERENCE_BATCH,
      (start, size) => {
        const b = rows(start, size);
        return {
          loss: reconstructionLoss(loss, b, this.decodeForLoss(this.encodeTensor(b, false), false)),
          extras: {},
        };
      },
      '',
    );
    return r.loss ?? Number.NaN;
  }

  /** Batches of `x` as tensors of the model's input shape, after checking that `x` fits it. */
  private rows(x: Samples): (start: number, size: number) => tf.Tensor {
    checkFits(x, this.inputShape);
    return (start, size) => rowsTensor(x, this.inputShape, start, size);
  }

  /** dir/encoder and dir/decoder in tfjs layers format, then dir/autoencoder.json (written last). */
  async save(dir: string): Promise<void> {
    await saveLayersModel(this.encoder, join(dir, 'encoder'));
    await saveLayersModel(this.decoder, join(dir, 'decoder'));
    const manifest: AutoencoderManifest = {
      format: 'aelab-autoencoder',
      version: 1,
      spec: this.spec,
      imageShape: this.imageShape,
      inputShape: this.inputShape,
      codeShape: this.codeShape,
      settings: this.settings,
    };
    await writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
  }

  /** Decodes codes of shape [n, ...codeShape] into images of imageShape. */
  protected async decodeAll(codes: tf.Tensor): Promise<Samples> {
    const n = codes.shape[0]!;
    const { data } = await mapInBatches(
      n,
      INFERENCE_BATCH,
      (start, size) => tf.slice(codes, start, size),
      (b) => this.decodeTensor(b, false),
    );
    return { x: data, n, shape: this.imageShape };
  }
}

/** Shared by loadAutoencoder: reads the manifest and both parts. */
export async function loadParts(
  dir: string,
): Promise<Result<{ manifest: AutoencoderManifest; encoder: tf.LayersModel; decoder: tf.LayersModel }>> {
  let manifest: AutoencoderManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as AutoencoderManifest;
  } catch (e) {
    return { ok: false, error: `cannot read ${join(dir, MANIFEST_FILE)}: ${(e as Error).message}` };
  }
  if (manifest.format !== 'aelab-autoencoder' || manifest.version !== 1) {
    return { ok: false, error: `${join(dir, MANIFEST_FILE)} is not an aelab autoencoder manifest (version 1)` };
  }
  const encoder = await loadLayersModel(join(dir, 'encoder'));
  if (!encoder.ok) return encoder;
  const decoder = await loadLayersModel(join(dir, 'decoder'));
  if (!decoder.ok) {
    encoder.value.dispose();
    return decoder;
  }
  if (sizeOf(manifest.inputShape) !== sizeOf(encoder.value.inputs[0]!.shape.slice(1) as number[])) {
    encoder.value.dispose();
    decoder.value.dispose();
    return { ok: false, error: `${dir}: the encoder's input does not match the manifest's input shape` };
  }
  return { ok: true, value: { manifest, encoder: encoder.value, decoder: decoder.value } };
}
