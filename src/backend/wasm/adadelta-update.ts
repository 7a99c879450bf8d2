// Keras' Adadelta on wasm as one SIMD pass per variable (simd/adadelta.wat) instead of fourteen
// tfjs ops (backend/adadelta-ops.ts), each a pass over the variable and most of them over its
// largest one (mnist_cnn's 1.2 M dense weights); the same bits (timings: docs/performance.md).
// Other backends have no such kernel and run the ops (on the native backend they are nodes of
// the step's graph, which TensorFlow schedules itself).
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import { asWasm, type TensorInfo } from './compose.js';
import { adadeltaOps, type AdadeltaUpdateAttrs } from '../adadelta-ops.js';

export type { AdadeltaUpdateAttrs };

export const ADADELTA_UPDATE = 'AelabAdadeltaUpdate';

/**
 * [a', u', w'] from the active backend's ADADELTA_UPDATE kernel, or undefined where it has none.
 * The constants are f32 in the kernel, as the scalar tensors of the ops it replaces are.
 */
export function fusedAdadeltaUpdate(
  g: tf.Tensor,
  a: tf.Tensor,
  u: tf.Tensor,
  w: tf.Tensor,
  attrs: AdadeltaUpdateAttrs,
): tf.Tensor[] | undefined {
  if (tf.getKernel(ADADELTA_UPDATE, tf.getBackend()) === undefined) return undefined;
  return tf.engine().runKernel(ADADELTA_UPDATE, { g, a, u, w }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}

export const adadeltaUpdateWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { g, a, u, w } = inputs as { g: TensorInfo; a: TensorInfo; u: TensorInfo; w: TensorInfo };
  const at = attrs as unknown as AdadeltaUpdateAttrs;
  const n = tf.util.sizeFromShape(g.shape);
  const simd = SimdKernels.for(backend);
  if (simd === null || [g, a, u, w].some((t) => t.dtype !== 'float32' || tf.util.sizeFromShape(t.shape) !== n)) {
    return tf.tidy(() => {
      const [gt, at_, ut, wt] = [g, a, u, w].map((t) => tf.engine().makeTensorFromTensorInfo(t)) as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      return adadeltaOps(gt, at_, ut, wt, at);
    });
  }
  const b = asWasm(backend);
  const outs = [0, 1, 2].map(() => b.makeOutput(w.shape, 'float32'));
  const off = (t: TensorInfo) => b.getMemoryOffset(t.dataId);
  if (n > 0)
    simd.adadelta(
      off(g),
      off(a),
      off(u),
      off(w),
      [off(outs[0]!), off(outs[1]!), off(outs[2]!)],
      n,
      at.rho,
      1 - at.rho,
      at.epsilon,
      at.learningRate,
    );
  return outs;
};
