/**
 * Dense encoder/decoder pairs, shared by the undercomplete, denoising, sparse, deep and
 * contractive variants (they differ in training, not in layers): input (flattened image) ->
 * hidden... -> code, and the mirror image back to the input size.
 */
import * as tf from '@tensorflow/tfjs';
import { seededInitializers } from './init.js';
import { addOutputActivation } from './output-head.js';
import type { Activation } from './types.js';

export interface DenseLayout {
  readonly inputSize: number;
  readonly hidden: readonly number[];
  readonly latent: number;
  readonly activation: Activation;
  readonly outputActivation: Activation;
}

/** Encoder [inputSize] -> [latent]; every layer, the code included, uses `activation`. */
export function buildDenseEncoder(l: DenseLayout, seed: number): tf.Sequential {
  const init = seededInitializers(seed, 1);
  const model = tf.sequential({ name: 'encoder' });
  const units = [...l.hidden, l.latent];
  units.forEach((u, i) =>
    model.add(
      tf.layers.dense({
        units: u,
        activation: l.activation,
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: [l.inputSize] } : {}),
      }),
    ),
  );
  return model;
}

/**
 * Decoder [latent] -> [inputSize]: the hidden layers in reverse, then the output activation as a
 * layer of its own (see output-head.ts).
 */
export function buildDenseDecoder(l: DenseLayout, seed: number): tf.Sequential {
  const init = seededInitializers(seed, 2);
  const model = tf.sequential({ name: 'decoder' });
  const units = [...[...l.hidden].reverse(), l.inputSize];
  units.forEach((u, i) =>
    model.add(
      tf.layers.dense({
        units: u,
        activation: i === units.length - 1 ? 'linear' : l.activation,
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: [l.latent] } : {}),
      }),
    ),
  );
  addOutputActivation(model, l.outputActivation);
  return model;
}
