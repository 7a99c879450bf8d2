// Relu's gradient on wasm as one SIMD pass (simd/relu-grad.wat) instead of tfjs' Step, Cast
// and Multiply: it is memory-bound, so one pass instead of three pays (docs/performance.md).
// The kernel is fused-relu-grad.ts' RELU_GRAD, which Relu's gradient runs on every backend once
// installFusedReluGrad has been called; its composition there stays the fallback.
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import { asWasm, savedOriginal, type TensorInfo } from './compose.js';
import { RELU_GRAD } from '../fused-relu-grad.js';

export const reluGradWasm: tf.KernelFunc = (args) => {
  const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
  const simd = SimdKernels.for(args.backend);
  const same = dy.shape.length === x.shape.length && dy.shape.every((d, i) => d === x.shape[i]);
  if (simd === null || !same || dy.dtype !== 'float32' || x.dtype !== 'float32') {
    // The composition installFusedReluGrad registered, or the same written out if it came later.
    return (
      savedOriginal(RELU_GRAD)?.kernelFunc(args) ?? tf.tidy(() => tf.mul(dy as tf.Tensor, tf.step(x as tf.Tensor)))
    );
  }
  const b = asWasm(args.backend);
  const dx = b.makeOutput(dy.shape, 'float32');
  const n = tf.util.sizeFromShape(dy.shape);
  if (n > 0) simd.reluGrad(b.getMemoryOffset(x.dataId), b.getMemoryOffset(dy.dataId), b.getMemoryOffset(dx.dataId), n);
  return dx;
};
