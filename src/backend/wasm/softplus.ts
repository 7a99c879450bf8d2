// Softplus on wasm as relu(x) - log(sigmoid(|x|)). The stock kernel is a scalar C++ loop of
// exp and log1p, a large part of a dense AE training step (binary cross-entropy from logits is
// softplus(z) - z t). XNNPACK's sigmoid and relu are SIMD and sigmoid(|x|) lies in [0.5, 1],
// where log is well conditioned: within 3e-7 relative of the cpu backend, and exact at
// +-Infinity. Timings: docs/performance.md.
import * as tf from '@tensorflow/tfjs';
import { asWasm, dispose, originalKernel, run, type TensorInfo } from './compose.js';

export const softplus: tf.KernelFunc = (args) => {
  const x = args.inputs['x'] as TensorInfo;
  if (x.dtype !== 'float32') return originalKernel('Softplus').kernelFunc(args);
  const b = asWasm(args.backend);
  const abs = run('Abs', b, { x });
  const sigmoid = run('Sigmoid', b, { x: abs });
  const log = run('Log', b, { x: sigmoid });
  const relu = run('Relu', b, { x });
  const out = run('Sub', b, { a: relu, b: log });
  dispose(b, abs, sigmoid, log, relu);
  return out;
};
