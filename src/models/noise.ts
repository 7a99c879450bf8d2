/**
 * Input corruption for the denoising autoencoder. The same (x, noise, seed) always gives the
 * same corrupted tensor, because tfjs' random ops are deterministic given an explicit seed; the
 * training loop derives that seed from the run seed, the epoch and the batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { NoiseSpec } from './types.js';

/** Returns a new tensor; pixels are assumed to lie in [0, 1]. Call inside tf.tidy. */
export function corrupt(x: tf.Tensor, noise: NoiseSpec, seed: number): tf.Tensor {
  switch (noise.kind) {
    case 'gaussian': {
      // Additive noise with std `amount`, clipped back to the valid pixel range.
      const n = tf.randomNormal(x.shape, 0, noise.amount, 'float32', seed);
      return tf.clipByValue(tf.add(x, n), 0, 1);
    }
    case 'masking': {
      // Each pixel dropped (set to 0) with probability `amount`.
      const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), noise.amount);
      return tf.mul(x, tf.cast(keep, 'float32'));
    }
    case 'salt_and_pepper': {
      // A fraction `amount` of pixels flipped: half of them to 0 (pepper), half to 1 (salt).
      // One uniform draw decides both whether and how a pixel flips.
      const u = tf.randomUniform(x.shape, 0, 1, 'float32', seed);
      const pepper = tf.less(u, noise.amount / 2);
      const salt = tf.logicalAnd(tf.greaterEqual(u, noise.amount / 2), tf.less(u, noise.amount));
      return tf.where(pepper, tf.zerosLike(x), tf.where(salt, tf.onesLike(x), x));
    }
  }
}
