/** Public face of the models part: builders, loaders and the contract types. */
export * from './types.js';
export { AUTOENCODER_DEFAULTS } from './defaults.js';
export { buildAutoencoder, convChannels, loadAutoencoder, validateAutoencoderSpec } from './build.js';
export { registerVariant, type VariantDefinition } from './variants.js';
export { buildClassifier, loadClassifier, validateClassifierSpec } from './classifier.js';
export { isVariational, normalQuantile, type VariationalAutoencoder } from './vae.js';
export { loadLayersModel, saveLayersModel } from './layers-io.js';
export { DEFAULT_LEARNING_RATES, makeOptimizer } from './optimizers.js';
export { corrupt } from './noise.js';
export { contractivePenalty, gaussianKl, klSparsity, l1Activity, reconstructionLoss } from './losses.js';
