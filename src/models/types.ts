/**
 * What the model builders promise to the stages. Models know nothing of YAML, stages or the run
 * store: they take plain settings and plain typed-array samples, and report progress by callback.
 */

import type {
  Activation,
  AutoencoderMetric,
  AutoencoderVariant,
  LossName,
  NoiseSpec,
  OptimizerName,
} from '../types/experiment-config.js';

/** The settings' vocabulary is the experiment file's (src/types/experiment-config.ts). */
export type { Activation, AutoencoderMetric, AutoencoderVariant, LossName, NoiseSpec, OptimizerName };
export type { LabelledSamples, Samples } from '../types/samples.js';
import type { LabelledSamples, Samples } from '../types/samples.js';

export interface OptimizerSpec {
  readonly name: OptimizerName;
  /** When absent, the optimizer's Keras default (adam 0.001, adadelta 1.0 as in Keras 2, sgd 0.01, ...). */
  readonly learning_rate?: number;
}

export interface TrainSpec {
  readonly epochs: number;
  readonly batch_size: number;
  readonly optimizer: OptimizerSpec;
  /** Reconstruction loss for autoencoders; classifiers always use categorical cross-entropy. */
  readonly loss: LossName;
  readonly shuffle: boolean;
}

/** Metrics of one finished epoch, Keras-style names: loss, val_loss, acc, val_acc, and extras. */
export interface EpochLog {
  readonly epoch: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export interface TrainCallbacks {
  onBatch?(epoch: number, batch: number, batches: number, loss: number): void;
  onEpoch?(log: EpochLog): void | Promise<void>;
}

export interface AutoencoderSpec {
  readonly variant: AutoencoderVariant;
  /** Size of the code (dense variants) or channels of the innermost feature map (convolutional). */
  readonly latent: number;
  /** Hidden dense layers between input and code (deep: e.g. [128, 64]); mirrored in the decoder. */
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly output_activation: Activation;
  /** denoising: corruption applied to training inputs (targets stay clean). */
  readonly noise?: NoiseSpec;
  /** sparse: L1 penalty on the code, or KL sparsity towards rho with weight beta. */
  readonly sparsity?:
    | { readonly kind: 'l1'; readonly weight: number }
    | { readonly kind: 'kl'; readonly rho: number; readonly beta: number };
  /** contractive: weight of the squared Frobenius norm of the encoder's Jacobian. */
  readonly contractive_weight?: number;
  /** convolutional: filters per conv block of the encoder (default 16-8-8), mirrored in the decoder. */
  readonly filters?: readonly number[];
  /** variational: weight of the KL term. */
  readonly kl_weight?: number;
  /**
   * Metrics logged beside the loss each epoch (and as val_... on the test split): binary_accuracy
   * is Keras' `metrics=['accuracy']` with a binary cross-entropy loss, the seed's metric.
   */
  readonly metrics?: readonly AutoencoderMetric[];
}

/** A trained or trainable autoencoder. Every method takes and returns plain typed arrays. */
export interface Autoencoder {
  readonly spec: AutoencoderSpec;
  /** Shape of one input sample ([784] for dense variants, [28, 28, 1] for convolutional). */
  readonly inputShape: readonly number[];
  /** Shape of one code ([latent] or e.g. [4, 4, 8]). */
  readonly codeShape: readonly number[];
  train(
    train: Samples,
    validation: Samples | undefined,
    spec: TrainSpec,
    seed: number,
    callbacks?: TrainCallbacks,
  ): Promise<EpochLog[]>;
  encode(x: Samples): Promise<Samples>;
  reconstruct(x: Samples): Promise<Samples>;
  /** Images decoded from codes (n codes of codeShape), in the images' own shape. */
  decode(codes: Samples): Promise<Samples>;
  /** Mean per-pixel reconstruction loss (the TrainSpec's loss) over a set. */
  evaluate(x: Samples, loss: LossName): Promise<number>;
  /** Saves in TensorFlow.js layers format under dir (model.json + weights), one sub-folder per part. */
  save(dir: string): Promise<void>;
  dispose(): void;
}

export interface ClassifierSpec {
  readonly arch: 'cnn' | 'dense';
  /** cnn: filters of each conv layer (default [32, 64], Keras mnist_cnn). */
  readonly filters: readonly number[];
  /** Hidden dense units of the head (default [128]). */
  readonly dense: readonly number[];
  /** cnn: dropout rate after pooling (mnist_cnn: 0.25); also after the dense layers when `dense_dropout` is absent. */
  readonly dropout: number;
  /** Dropout rate after each hidden dense layer (mnist_cnn: 0.5). */
  readonly dense_dropout?: number;
}

export interface Classifier {
  readonly spec: ClassifierSpec;
  readonly inputShape: readonly number[];
  train(
    train: LabelledSamples,
    validation: LabelledSamples | undefined,
    spec: TrainSpec,
    seed: number,
    callbacks?: TrainCallbacks,
  ): Promise<EpochLog[]>;
  /** Predicted class per sample. */
  predict(x: Samples): Promise<Uint8Array>;
  evaluate(x: LabelledSamples): Promise<{ loss: number; acc: number }>;
  save(dir: string): Promise<void>;
  dispose(): void;
}
