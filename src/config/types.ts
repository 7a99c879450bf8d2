/**
 * The experiment file after validation and defaults: what the planner and the stages read.
 * Mirrors schemas/experiment.schema.json: test/config-types-match-schema.test.ts fails when a key,
 * its optionality or its allowed strings differ from the schema.
 */
import type { DataSourceConfig } from '../data/config.js';
import type { Activation, AutoencoderVariant, LossName, NoiseSpec, OptimizerName } from '../models/types.js';

export interface TrainConfig {
  readonly epochs: number;
  readonly batch_size: number;
  readonly optimizer: { readonly name: OptimizerName; readonly learning_rate?: number };
  readonly loss: LossName;
  readonly shuffle: boolean;
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
  readonly sparsity?: { readonly kind: 'l1' | 'kl'; readonly weight: number; readonly rho: number; readonly beta: number };
  readonly contractive_weight?: number;
  readonly filters?: readonly number[];
  readonly kl_weight?: number;
  readonly train: TrainConfig;
}

export interface ClassifierStageConfig {
  readonly type: 'classifier';
  readonly input: string;
  readonly arch: 'cnn' | 'dense';
  readonly filters: readonly number[];
  readonly dense: readonly number[];
  readonly dropout: number;
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
}

export interface ExperimentConfig {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly data: Readonly<Record<string, DataSourceConfig>>;
  readonly stages: Readonly<Record<string, StageConfig>>;
  readonly sweep?: SweepConfig;
  readonly tracking?: { readonly mlflow?: { readonly uri?: string; readonly experiment?: string } };
}
