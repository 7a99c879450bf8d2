// Adam's moments and step on wasm as one SIMD pass (simd/adam.wat) instead of eleven tfjs ops
// over the flat parameter vector (models/adam.ts), each a pass over memory; the same bits
// (timings: docs/performance.md). Other backends have no such kernel and run the ops (on the native backend they are
// nodes of the step's graph, which TensorFlow schedules itself).
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import { asWasm, type TensorInfo } from './compose.js';

export const ADAM_UPDATE = 'AelabAdamUpdate';

export interface AdamUpdateAttrs {
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  /** The step size this step: lr * sqrt(1 - beta2^t) / (1 - beta1^t). */
  alpha: number;
}

/**
 * [m', v', step] from the active backend's ADAM_UPDATE kernel, or undefined where it has none.
 * All four are f32 in the kernel, as the scalar tensors of the ops it replaces are.
 */
export function fusedAdamUpdate(
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  attrs: AdamUpdateAttrs,
): tf.Tensor[] | undefined {
  if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) === undefined) return undefined;
  return tf.engine().runKernel(ADAM_UPDATE, { g, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}

export const adamUpdateWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { g, m, v } = inputs as { g: TensorInfo; m: TensorInfo; v: TensorInfo };
  const a = attrs as unknown as AdamUpdateAttrs;
  const n = tf.util.sizeFromShape(g.shape);
  const simd = SimdKernels.for(backend);
  if (simd === null || [g, m, v].some((t) => t.dtype !== 'float32' || tf.util.sizeFromShape(t.shape) !== n)) {
    // The ops of models/adam.ts, in its order.
    return tf.tidy(() => {
      const [gt, mt, vt] = [g, m, v].map((t) => tf.engine().makeTensorFromTensorInfo(t)) as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      const newM = tf.add(mt, tf.mul(tf.sub(gt, mt), tf.scalar(a.oneMinusBeta1)));
      const newV = tf.add(vt, tf.mul(tf.sub(tf.square(gt), vt), tf.scalar(a.oneMinusBeta2)));
      const step = tf.mul(tf.div(newM, tf.add(tf.sqrt(newV), tf.scalar(a.epsilon))), a.alpha);
      return [newM, newV, step];
    });
  }
  const b = asWasm(backend);
  const outs = [0, 1, 2].map(() => b.makeOutput(g.shape, 'float32'));
  const at = (t: TensorInfo) => b.getMemoryOffset(t.dataId);
  if (n > 0)
    simd.adam(
      at(g),
      at(m),
      at(v),
      at(outs[0]!),
      at(outs[1]!),
      at(outs[2]!),
      n,
      a.oneMinusBeta1,
      a.oneMinusBeta2,
      a.epsilon,
      a.alpha,
    );
  return outs;
};
