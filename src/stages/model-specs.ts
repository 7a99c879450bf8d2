import type { AutoencoderStageConfig, ClassifierStageConfig, TrainConfig } from '../config/types.js';
import type { AutoencoderSpec, ClassifierSpec, TrainSpec } from '../models/types.js';

/**
 * Settings whose default depends on the variant live here, not in the schema: the schema cannot
 * say "[128, 64] for deep, none otherwise".
 */
export function autoencoderSpec(c: AutoencoderStageConfig): AutoencoderSpec {
  return {
    variant: c.variant,
    latent: c.latent,
    hidden: c.hidden ?? (c.variant === 'deep' ? [128, 64] : []),
    activation: c.activation,
    output_activation: c.output_activation,
    ...(c.variant === 'denoising' || (c.variant === 'convolutional' && c.noise) ? { noise: { kind: c.noise?.kind ?? 'gaussian', amount: c.noise?.amount ?? 0.5 } } : {}),
    ...(c.variant === 'sparse'
      ? { sparsity: c.sparsity?.kind === 'kl' ? { kind: 'kl' as const, rho: c.sparsity.rho, beta: c.sparsity.beta } : { kind: 'l1' as const, weight: c.sparsity?.weight ?? 1e-4 } }
      : {}),
    ...(c.variant === 'contractive' ? { contractive_weight: c.contractive_weight ?? 1e-4 } : {}),
    ...(c.variant === 'convolutional' ? { filters: c.filters ?? [16, 8, 8] } : {}),
    ...(c.variant === 'variational' ? { kl_weight: c.kl_weight ?? 1 } : {}),
  };
}

export function classifierSpec(c: ClassifierStageConfig): ClassifierSpec {
  return { arch: c.arch, filters: c.filters, dense: c.dense, dropout: c.dropout };
}

export function trainSpec(t: TrainConfig): TrainSpec {
  return { epochs: t.epochs, batch_size: t.batch_size, optimizer: t.optimizer, loss: t.loss, shuffle: t.shuffle };
}
