/**
 * A bias add runs as TensorFlow's BiasAdd on the native ('tensorflow') backend.
 *
 * tfjs adds a layer's bias with a broadcasting Add ([N,H,W,C] + [C]). TensorFlow computes the
 * same sums with BiasAdd, and only BiasAdd lets its graph optimizer fuse a convolution or
 * matmul with its bias and activation into one oneDNN kernel, which matters in graph steps
 * (graph-steps.ts). Every other Add runs as before.
 */
import * as tf from '@tensorflow/tfjs';

type OpAttr = { name: string; type: number; value: unknown };

interface NodeBackendLike {
  binding: { TF_ATTR_TYPE: number; TF_ATTR_STRING: number; TF_FLOAT: number };
  executeSingleOutput(op: string, attrs: OpAttr[], inputs: tf.TensorInfo[]): tf.TensorInfo;
}

/** Whether a + b is "value + bias along the last axis": same result from BiasAdd. */
export function isBiasAdd(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  return a.dtype === 'float32' && b.dtype === 'float32' && a.shape.length >= 2 && b.shape.length === 1 &&
    b.shape[0] === a.shape[a.shape.length - 1];
}

let installed = false;

/** Replaces Add on the 'tensorflow' backend (call with that backend registered). Idempotent. */
export function installNativeBiasAdd(): void {
  if (installed) return;
  const stock = tf.getKernel('Add', 'tensorflow');
  if (stock === undefined) return;
  installed = true;
  tf.unregisterKernel('Add', 'tensorflow');
  tf.registerKernel({
    kernelName: 'Add',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      if (!isBiasAdd(a, b)) return stock.kernelFunc(args);
      const backend = args.backend as unknown as NodeBackendLike;
      return backend.executeSingleOutput('BiasAdd', [
        { name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT },
        { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' },
      ], [a, b]);
    },
  });
}
