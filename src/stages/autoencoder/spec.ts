/**
 * The autoencoder's model spec from its stage settings: shared by the definition's checks and by
 * run.ts, so that neither imports the other (run.ts is loaded lazily by the definition).
 */
import type { AutoencoderStageConfig } from '../../types/experiment-config.js';
import { AUTOENCODER_DEFAULTS } from '../../models/defaults.js';
import type { AutoencoderSpec } from '../../models/types.js';

/** The L1 weight of a sparse autoencoder that says `kind: l1` without a weight. */
const L1_WEIGHT = AUTOENCODER_DEFAULTS.sparsity.kind === 'l1' ? AUTOENCODER_DEFAULTS.sparsity.weight : 1e-4;

/**
 * The model spec of a validated stage. Settings whose default depends on the variant are filled
 * in here, not in the schema: the schema cannot say "[128, 64] for deep, none otherwise".
 */
export function autoencoderSpec(c: AutoencoderStageConfig): AutoencoderSpec {
  const d = AUTOENCODER_DEFAULTS;
  return {
    variant: c.variant,
    latent: c.latent,
    hidden: c.hidden ?? (c.variant === 'deep' ? [...d.deepHidden] : []),
    activation: c.activation,
    output_activation: c.output_activation,
    ...(c.variant === 'denoising' || (c.variant === 'convolutional' && c.noise)
      ? { noise: { kind: c.noise?.kind ?? d.noise.kind, amount: c.noise?.amount ?? d.noise.amount } }
      : {}),
    ...(c.variant === 'sparse'
      ? {
          sparsity:
            c.sparsity?.kind === 'kl'
              ? { kind: 'kl' as const, rho: c.sparsity.rho, beta: c.sparsity.beta }
              : { kind: 'l1' as const, weight: c.sparsity?.weight ?? L1_WEIGHT },
        }
      : {}),
    ...(c.variant === 'contractive' ? { contractive_weight: c.contractive_weight ?? d.contractiveWeight } : {}),
    ...(c.variant === 'convolutional' ? { filters: c.filters ?? [...d.filters] } : {}),
    ...(c.variant === 'variational' ? { kl_weight: c.kl_weight ?? d.klWeight } : {}),
    ...(c.metrics?.length ? { metrics: c.metrics } : {}),
  };
}
