// Keras' Adadelta update (Zeiler 2012, as Keras applies it) as tfjs ops: the one statement of the
// rule, which models/adadelta.ts runs on backends without a fused kernel and which the wasm
// kernel (wasm/adadelta-update.ts, simd/adadelta.wat) reproduces bit for bit.
import * as tf from '@tensorflow/tfjs';

export interface AdadeltaUpdateAttrs {
  rho: number;
  epsilon: number;
  learningRate: number;
}

/**
 * [a', u', w'] from the gradient g, the accumulators of squared gradients a and of squared
 * steps u, and the weights w: a' = a rho + g^2 (1 - rho), step = sqrt(u + eps) / sqrt(a' + eps) g,
 * u' = u rho + step^2 (1 - rho), w' = w - step lr. The accumulator is updated before it scales
 * the step, as in Keras (models/adadelta.ts says why that matters).
 */
export function adadeltaOps(
  g: tf.Tensor,
  a: tf.Tensor,
  u: tf.Tensor,
  w: tf.Tensor,
  { rho, epsilon, learningRate }: AdadeltaUpdateAttrs,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const newA = tf.add(tf.mul(a, rho), tf.mul(tf.square(g), 1 - rho));
    const step = tf.mul(tf.div(tf.sqrt(tf.add(u, epsilon)), tf.sqrt(tf.add(newA, epsilon))), g);
    const newU = tf.add(tf.mul(u, rho), tf.mul(tf.square(step), 1 - rho));
    return [newA, newU, tf.sub(w, tf.mul(step, learningRate))];
  });
}
