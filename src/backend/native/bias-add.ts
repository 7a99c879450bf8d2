/**
 * A bias add and its gradient run as TensorFlow's BiasAdd and BiasAddGrad on the native
 * ('tensorflow') backend.
 *
 * tfjs adds a layer's bias with a broadcasting Add ([N,H,W,C] + [C]). TensorFlow computes the
 * same sums with BiasAdd, and only BiasAdd lets its graph optimizer fuse a convolution or
 * matmul with its bias and activation into one oneDNN kernel, which matters in graph steps
 * (graph-steps/). tfjs' gradient of that add is a Sum over every axis but the last, which
 * BiasAddGrad, made for it, does faster (docs/performance.md, item 8). Every other Add and Sum
 * runs as before.
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeBackend, typeAttr } from './backend.js';

/** Whether a + b is "value + bias along the last axis": same result from BiasAdd. */
export function isBiasAdd(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  return (
    a.dtype === 'float32' &&
    b.dtype === 'float32' &&
    a.shape.length >= 2 &&
    b.shape.length === 1 &&
    b.shape[0] === a.shape[a.shape.length - 1]
  );
}

/** Whether sum(x, axis, keepDims) sums every axis but the last: what BiasAddGrad computes. */
export function isBiasGrad(x: tf.TensorInfo, axis: number | number[], keepDims: boolean): boolean {
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
  return !keepDims && x.dtype === 'float32' && rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}

let installed = false;

/** Replaces Add and Sum on the 'tensorflow' backend (call with it registered). Idempotent. */
export function installNativeBiasAdd(): void {
  if (installed) return;
  const stock = tf.getKernel('Add', 'tensorflow');
  const stockSum = tf.getKernel('Sum', 'tensorflow');
  if (stock === undefined || stockSum === undefined) return;
  installed = true;
  tf.unregisterKernel('Add', 'tensorflow');
  tf.registerKernel({
    kernelName: 'Add',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      if (!isBiasAdd(a, b)) return stock.kernelFunc(args);
      const backend = asNodeBackend(args.backend);
      return backend.executeSingleOutput(
        'BiasAdd',
        [
          typeAttr(backend, 'T', backend.binding.TF_FLOAT),
          { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' },
        ],
        [a, b],
      );
    },
  });
  tf.unregisterKernel('Sum', 'tensorflow');
  tf.registerKernel({
    kernelName: 'Sum',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const x = args.inputs['x'] as tf.TensorInfo;
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
      if (!isBiasGrad(x, axis, keepDims)) return stockSum.kernelFunc(args);
      const backend = asNodeBackend(args.backend);
      return backend.executeSingleOutput(
        'BiasAddGrad',
        [
          typeAttr(backend, 'T', backend.binding.TF_FLOAT),
          { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' },
        ],
        [x],
      );
    },
  });
}
