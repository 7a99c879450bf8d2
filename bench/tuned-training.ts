/**
 * Two changes to how tfjs trains that close most of the gap to Keras on the native backend,
 * measured by bench/train-speed.ts as the "+ tuned" rows. Bench-only prototypes: the place for
 * them in aelab is src/models (the loss) and src/backend (the kernel); see docs/performance.md.
 *
 * 1. Loss on logits. Keras 3 (TensorFlow backend) notices that a model's output came out of a
 *    sigmoid or softmax and computes binary/categorical cross-entropy from the logits
 *    (sigmoid_cross_entropy_with_logits / softmax_cross_entropy_with_logits). tfjs-layers'
 *    'binaryCrossentropy' clips the probabilities and takes logs: about 40 more full-size
 *    element-wise kernels a step, which on the dense AE is most of the step. Same loss, fewer
 *    kernels, and numerically steadier.
 * 2. Relu's gradient as TensorFlow's fused ReluGrad. tfjs-core differentiates relu as
 *    dy * step(x), and tfjs-node's Step kernel is isNaN + greater + ones + fill + where + select:
 *    seven full-size kernels where TensorFlow runs one (ReluGrad, which Keras's graph uses).
 */
import * as tf from '@tensorflow/tfjs';

/** tfjs-node's backend object, the parts used here (it is not in tfjs-node's public types). */
interface NodeBackendLike {
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeSingleOutput(op: string, attrs: { name: string; type: number; value: number }[], inputs: tf.TensorInfo[]): tf.TensorInfo;
}

const RELU_GRAD = 'AelabReluGrad';
let installed = false;

/**
 * Makes relu's gradient one TensorFlow ReluGrad op on the 'tensorflow' backend; other backends
 * keep tfjs-core's dy * step(x). Overrides tfjs's global gradient for Relu (tfjs warns once).
 */
export function installFusedReluGrad(): void {
  if (installed) return;
  installed = true;
  tf.registerKernel({
    kernelName: RELU_GRAD,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, backend }) => {
      const b = backend as unknown as NodeBackendLike;
      const attrs = [{ name: 'T', type: b.binding.TF_ATTR_TYPE, value: b.binding.TF_FLOAT }];
      return b.executeSingleOutput('ReluGrad', attrs, [inputs['dy']!, inputs['x']!]);
    },
  });
  for (const backendName of ['wasm', 'cpu']) {
    tf.registerKernel({
      kernelName: RELU_GRAD,
      backendName,
      kernelFunc: ({ inputs }) =>
        tf.tidy(() => tf.mul(inputs['dy'] as tf.Tensor, tf.step(tf.cast(inputs['x'] as tf.Tensor, 'float32')))),
    });
  }
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({
      x: () => tf.engine().runKernel(RELU_GRAD, { dy: dy as tf.Tensor, x: saved[0]! }) as tf.Tensor,
    }),
  });
}

/** Binary cross-entropy of `logits` against targets in [0,1], mean over every element (as Keras). */
export function binaryCrossentropyFromLogits(yTrue: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.losses.sigmoidCrossEntropy(yTrue, logits);
}

/** Categorical cross-entropy of `logits` against one-hot targets, mean over the batch (as Keras). */
export function categoricalCrossentropyFromLogits(yTrue: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(yTrue, logits);
}
