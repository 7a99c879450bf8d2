// Sum over leading axes on wasm as a matmul with a row of ones. The stock Sum first transposes
// the reduced axes to the end (a full copy), which made a conv bias gradient (sum over batch,
// height, width of [128,24,24,64]) take ~18 ms; the matmul takes ~1 ms.
import * as tf from '@tensorflow/tfjs';
import { asWasm, dispose, originalKernel, run, type TensorInfo } from './wasm-compose.js';

export const sum: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs!['axis'] as number | number[], x.shape);
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  const leading = sorted.length > 0 && sorted.length < rank && sorted.every((a, i) => a === i);
  if (x.dtype !== 'float32' || !leading) return originalKernel('Sum').kernelFunc(args);
  const outer = tf.util.sizeFromShape(x.shape.slice(0, sorted.length));
  const kept = x.shape.slice(sorted.length);
  const inner = tf.util.sizeFromShape(kept);
  if (outer < 2 || inner === 0) return originalKernel('Sum').kernelFunc(args);
  const b = asWasm(backend);
  const ones = run('Fill', b, {}, { shape: [1, 1, outer], value: 1, dtype: 'float32' });
  const x3 = run('Reshape', b, { x }, { shape: [1, outer, inner] });
  const prod = run('BatchMatMul', b, { a: ones, b: x3 }, { transposeA: false, transposeB: false });
  dispose(b, ones, x3);
  const outShape = attrs!['keepDims'] === true ? [...sorted.map(() => 1), ...kept] : kept;
  const out = run('Reshape', b, { x: prod }, { shape: outShape });
  dispose(b, prod);
  return out;
};
