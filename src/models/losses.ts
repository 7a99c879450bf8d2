/**
 * Loss terms, written as plain tensor functions so the custom training loop can combine them
 * (reconstruction + sparsity / contractive / KL) and tests can check each against its formula.
 * Every function here allocates; call them inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { logitsFor, outputOf, type ModelOutput } from './output-head.js';
import type { Activation, LossName } from './types.js';

/** Keras' backend epsilon, used to clip probabilities away from 0 and 1. */
export const EPSILON = 1e-7;

/**
 * Binary cross-entropy of sigmoid(logits) against targets, element-wise: softplus(z) - z t, which
 * is -(t log p + (1 - t) log(1 - p)) for p = sigmoid(z) without ever forming log p. The gradient
 * with respect to the logits is sigmoid(z) - t, written out here (three kernels) instead of
 * differentiating the formula op by op (a dozen). The targets are data: they get no gradient.
 */
export function sigmoidCrossEntropyWithLogits(target: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  // customGrad's typing spreads inputs and the save function into one rest parameter.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const z = args[0] as tf.Tensor;
    // Saved, not captured: the forward pass's tensors are disposed before the backward pass runs.
    (args[1] as tf.GradSaveFunc)([z, target]);
    return {
      value: tf.sub(tf.softplus(z), tf.mul(z, target)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.sub(tf.sigmoid(saved[0]!), saved[1]!)),
    };
  });
  return op(logits);
}

/** Element-wise loss, same shape as the inputs; from the logits when the prediction has them. */
function elementLoss(loss: LossName, target: tf.Tensor, prediction: tf.Tensor | ModelOutput): tf.Tensor {
  const logits = logitsFor(prediction, 'sigmoid');
  if (logits !== undefined && loss === 'binary_crossentropy') return sigmoidCrossEntropyWithLogits(target, logits);
  const pred = outputOf(prediction);
  if (loss === 'mse') return tf.squaredDifference(target, pred);
  const p = tf.clipByValue(pred, EPSILON, 1 - EPSILON);
  // -(t log p + (1 - t) log(1 - p))
  return tf.neg(tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))));
}

/** Mean over every pixel of every sample (Keras semantics: mean over pixels, then over the batch). */
export function reconstructionLoss(loss: LossName, target: tf.Tensor, pred: tf.Tensor | ModelOutput): tf.Scalar {
  return tf.mean(elementLoss(loss, target, pred));
}

/** Per-sample loss summed over the sample's pixels, shape [batch] (the VAE's ELBO term). */
export function reconstructionSumPerSample(
  loss: LossName,
  target: tf.Tensor,
  pred: tf.Tensor | ModelOutput,
): tf.Tensor1D {
  const e = elementLoss(loss, target, pred);
  return tf.sum(tf.reshape(e, [e.shape[0]!, -1]), 1) as tf.Tensor1D;
}

/** KL(N(mean, exp(logVar)) || N(0, I)) per sample: -0.5 * sum(1 + logVar - mean^2 - exp(logVar)). */
export function gaussianKl(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mean)), tf.exp(logVar));
  return tf.mul(-0.5, tf.sum(terms, 1)) as tf.Tensor1D;
}

/** L1 activity penalty as Keras applies it: weight * sum|code| over the batch / batch size. */
export function l1Activity(code: tf.Tensor, weight: number): tf.Scalar {
  return tf.mul(weight, tf.div(tf.sum(tf.abs(code)), code.shape[0]!)) as tf.Scalar;
}

/**
 * KL sparsity penalty: beta * sum_j KL(rho || rho_hat_j), where rho_hat_j is unit j's mean
 * activation over the batch. Meaningful for codes in (0, 1), i.e. sigmoid codes.
 */
export function klSparsity(code: tf.Tensor2D, rho: number, beta: number): tf.Scalar {
  const rhoHat = tf.clipByValue(tf.mean(code, 0), EPSILON, 1 - EPSILON);
  const kl = tf.add(
    tf.mul(rho, tf.log(tf.div(rho, rhoHat))),
    tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, rhoHat)))),
  );
  return tf.mul(beta, tf.sum(kl)) as tf.Scalar;
}

/** d act / d pre-activation, element-wise, for the activations a spec may name. */
export function activationDerivative(activation: Activation, pre: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.step(pre);
    case 'sigmoid': {
      const s = tf.sigmoid(pre);
      return tf.mul(s, tf.sub(1, s));
    }
    case 'tanh':
      return tf.sub(1, tf.square(tf.tanh(pre)));
    case 'elu':
      // Keras/tfjs elu has alpha 1: derivative 1 above zero, exp(a) below.
      return tf.where(tf.greater(pre, 0), tf.onesLike(pre), tf.exp(pre));
    case 'linear':
      return tf.onesLike(pre);
    case 'softplus':
      return tf.sigmoid(pre);
  }
}

/**
 * Squared Frobenius norm of the Jacobian of h = act(x W + b) with respect to x, averaged over
 * the batch. For an element-wise activation J_ji = act'(a_j) W_ij, so
 * ||J||_F^2 = sum_j act'(a_j)^2 * sum_i W_ij^2 (for sigmoid act' = h(1 - h); for relu 1[h > 0]).
 */
export function contractivePenalty(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | undefined,
  activation: Activation,
): tf.Scalar {
  let pre: tf.Tensor = tf.matMul(x, kernel);
  if (bias) pre = tf.add(pre, bias);
  const d = activationDerivative(activation, pre);
  const columnNorms = tf.sum(tf.square(kernel), 0); // sum_i W_ij^2, shape [out]
  return tf.mean(tf.sum(tf.mul(tf.square(d), columnNorms), 1));
}

/**
 * Mean categorical cross-entropy against one-hot targets: from softmax logits when the prediction
 * has them (tfjs' log-sum-exp with its own gradient), else of clipped probabilities.
 */
export function categoricalCrossentropy(oneHot: tf.Tensor2D, prediction: tf.Tensor2D | ModelOutput): tf.Scalar {
  const logits = logitsFor(prediction, 'softmax');
  if (logits !== undefined) return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
  const p = tf.clipByValue(outputOf(prediction), EPSILON, 1 - EPSILON);
  return tf.mean(tf.neg(tf.sum(tf.mul(oneHot, tf.log(p)), 1)));
}

/**
 * Keras' binary_accuracy: the share of values whose target equals the output thresholded at 0.5
 * (Keras: `mean(equal(y_true, cast(y_pred > 0.5)))`). On images only pixels exactly 0 or 1 can
 * match, so a perfect reconstruction of MNIST scores about 0.8, not 1: kept so, to compare with
 * the numbers Keras prints.
 */
export function binaryAccuracy(target: tf.Tensor, out: tf.Tensor | ModelOutput): tf.Scalar {
  const logits = logitsFor(out, 'sigmoid');
  // sigmoid(z) > 0.5 exactly when z > 0.
  const predicted = logits ? tf.greater(logits, 0) : tf.greater(outputOf(out), 0.5);
  return tf.mean(
    tf.cast(tf.equal(tf.reshape(target, predicted.shape), tf.cast(predicted, 'float32')), 'float32'),
  ) as tf.Scalar;
}
