/**
 * A toy autoencoder variant, registered by a test only: sparse codes from the convolutional
 * layers. It is all the README's recipe asks for, one table entry, built from the table's parts.
 */
import type { AutoencoderStageConfig } from '../../src/types/experiment-config.js';
import { AUTOENCODER_DEFAULTS } from '../../src/models/defaults.js';
import { checkSparsity, type VariantDefinition } from '../../src/models/variants.js';

export const SPARSE_CONV = 'sparse_convolutional';

export const sparseConvolutional: VariantDefinition = {
  name: SPARSE_CONV,
  architecture: 'convolutional',
  settings: ['filters', 'sparsity'],
  spec: (c: AutoencoderStageConfig) => ({
    filters: c.filters ?? [...AUTOENCODER_DEFAULTS.filters],
    sparsity:
      c.sparsity?.kind === 'kl' ? { ...c.sparsity, kind: 'kl' } : { kind: 'l1', weight: c.sparsity?.weight ?? 1e-3 },
  }),
  resolved: (s) => ({ sparsity: s.sparsity ?? { kind: 'l1', weight: 1e-3 } }),
  check: checkSparsity,
};
