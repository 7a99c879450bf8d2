/**
 * Values used when an autoencoder variant's own setting is absent. Pure data (no TensorFlow.js),
 * so that the stage definitions can show and check them without loading a model.
 */
import type { AutoencoderSpec, NoiseSpec } from './types.js';

/** Values used when a variant's own setting is absent from the spec. */
export const AUTOENCODER_DEFAULTS = {
  /** deep, when `hidden` is empty: the Keras blog's 128-64-(latent). */
  deepHidden: [128, 64] as readonly number[],
  /** denoising: the Keras blog's noise factor 0.5 (gaussian, clipped). */
  noise: { kind: 'gaussian', amount: 0.5 } as NoiseSpec,
  /** sparse: the Keras blog's L1 activity regulariser 1e-4 (10e-5). */
  sparsity: { kind: 'l1', weight: 1e-4 } as NonNullable<AutoencoderSpec['sparsity']>,
  /** contractive: a common choice (Rifai et al. tune it; 1e-4 with mean-per-pixel losses). */
  contractiveWeight: 1e-4,
  /** convolutional: the Keras blog's 16-8-8 (the last entry is replaced by `latent`). */
  filters: [16, 8, 8] as readonly number[],
  klWeight: 1,
} as const;
