/**
 * Relu's gradient as one TensorFlow op on the native ('tensorflow') backend.
 *
 * tfjs-core differentiates relu as dy * step(x), and tfjs-node's Step kernel is isNaN + greater +
 * ones + fill + where + select: seven full-size kernels where TensorFlow (and Keras' graph) runs
 * one ReluGrad (what that cost: docs/performance.md). tf.registerGradient is global, so every
 * other backend gets the same kernel name with tfjs-core's composition, unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeBackend, typeAttr } from './native/backend.js';

export const RELU_GRAD = 'AelabReluGrad';
let installed = false;

/** Installs the kernel on every backend and makes Relu's gradient use it. Idempotent. */
export function installFusedReluGrad(): void {
  if (installed) return;
  installed = true;
  tf.registerKernel({
    kernelName: RELU_GRAD,
    backendName: 'tensorflow',
    kernelFunc: ({ inputs, backend }) => {
      const b = asNodeBackend(backend);
      const attrs = [typeAttr(b, 'T', b.binding.TF_FLOAT)];
      return b.executeSingleOutput('ReluGrad', attrs, [inputs['dy']!, inputs['x']!]);
    },
  });
  for (const backendName of ['wasm', 'cpu']) {
    // wasm may have its own already (relu-grad.ts, installed by installWasmKernels).
    if (tf.getKernel(RELU_GRAD, backendName) !== undefined) continue;
    tf.registerKernel({
      kernelName: RELU_GRAD,
      backendName,
      // tfjs-core's own Relu gradient (ops/relu_grad.js), as it was before the override.
      kernelFunc: ({ inputs }) =>
        tf.tidy(() => tf.mul(inputs['dy'] as tf.Tensor, tf.step(tf.cast(inputs['x'] as tf.Tensor, 'float32')))),
    });
  }
  // Overriding a registered gradient makes tfjs warn once; the override is deliberate.
  const warn = console.warn;
  console.warn = () => {};
  try {
    tf.registerGradient({
      kernelName: 'Relu',
      // The output, not the input (relu(x) > 0 exactly where x > 0): the tape keeps it anyway
      // for the next layer, and in a graph step the pre-activation then has one consumer, so
      // TensorFlow can fuse conv + bias + relu into one oneDNN kernel.
      outputsToSave: [true],
      gradFunc: (dy, saved) => ({
        x: () => tf.engine().runKernel(RELU_GRAD, { dy: dy as tf.Tensor, x: saved[0]! }) as tf.Tensor,
      }),
    });
  } finally {
    console.warn = warn;
  }
}
