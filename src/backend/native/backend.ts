/**
 * The parts of tfjs-node's backend object that aelab's native kernels use. They are not in its
 * public types; each is a plain method or constant of NodeJSKernelBackend and its binding
 * (@tensorflow/tfjs-node/dist/nodejs_kernel_backend.js), stable across tfjs-node 4.x.
 */
import * as tf from '@tensorflow/tfjs';

/** One TensorFlow op attribute as the binding takes it. */
export interface OpAttr {
  name: string;
  type: number;
  value: unknown;
}

export interface NodeBackendLike {
  binding: {
    TF_ATTR_TYPE: number;
    TF_ATTR_INT: number;
    TF_ATTR_STRING: number;
    TF_ATTR_BOOL: number;
    TF_FLOAT: number;
    TF_INT32: number;
    TF_BOOL: number;
  };
  /** Runs the TensorFlow op `op` eagerly. */
  executeSingleOutput(op: string, attrs: OpAttr[], inputs: tf.TensorInfo[]): tf.TensorInfo;
  executeMultipleOutputs(op: string, attrs: OpAttr[], inputs: tf.TensorInfo[], n: number): tf.TensorInfo[];
  disposeData(dataId: object, force?: boolean): boolean;
}

export function asNodeBackend(backend: unknown): NodeBackendLike {
  return backend as NodeBackendLike;
}

/** A dtype attribute (T, SrcT, ...) with a TensorFlow dtype from the binding (TF_FLOAT, ...). */
export function typeAttr(b: NodeBackendLike, name: string, dtype: number): OpAttr {
  return { name, type: b.binding.TF_ATTR_TYPE, value: dtype };
}

/**
 * Puts a kernel of ours in place of the 'tensorflow' backend's kernel `name`; `make` gets the
 * stock kernel, for the cases ours leaves to it. False (and nothing changed) when there is no
 * stock kernel to replace.
 */
export function replaceNativeKernel(name: string, make: (stock: tf.KernelFunc) => tf.KernelFunc): boolean {
  const stock = tf.getKernel(name, 'tensorflow');
  if (stock === undefined) return false;
  tf.unregisterKernel(name, 'tensorflow');
  tf.registerKernel({ kernelName: name, backendName: 'tensorflow', kernelFunc: make(stock.kernelFunc) });
  return true;
}
