/**
 * The autoencoder's model spec from its stage settings: shared by the definition's checks and by
 * run.ts, so that neither imports the other (run.ts is loaded lazily by the definition).
 */
import type { AutoencoderStageConfig } from '../../types/experiment-config.js';
import type { AutoencoderSpec } from '../../models/types.js';
import { hiddenLayers, variantOf } from '../../models/variants.js';

/**
 * The model spec of a validated stage. Settings whose default depends on the variant are filled
 * in by the variant table, not the schema: the schema cannot say "[128, 64] for deep, none otherwise".
 */
export function autoencoderSpec(c: AutoencoderStageConfig): AutoencoderSpec {
  const variant = variantOf(c.variant);
  return {
    variant: c.variant,
    latent: c.latent,
    hidden: [...hiddenLayers(variant, c.hidden)],
    activation: c.activation,
    output_activation: c.output_activation,
    ...variant.spec(c),
    ...(c.metrics?.length ? { metrics: c.metrics } : {}),
  };
}
