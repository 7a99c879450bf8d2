// Sum over leading axes on wasm (every bias gradient: a conv's sums [B,H,W,C] over B,H,W, a
// dense layer's [N,D] over N). The stock Sum first transposes the reduced axes to the end, a full
// copy. Large inputs are an average pool over one window that spans all reduced rows (XNNPACK:
// SIMD, float32 accumulation, and the backend's threads) times the row count, well ahead of one
// JS pass. Small ones stay a JS pass (float64 sums), cheaper than two kernel calls. (A matmul
// with a row of ones was slower: XNNPACK repacks the activation as "weights" on every new
// tensor.) Timings: docs/performance.md.
import * as tf from '@tensorflow/tfjs';
import { asWasm, dispose, originalKernel, run, type TensorInfo } from './compose.js';

/** From this many elements on, the pooled sum beats the JS pass (bench/kernels.ts). */
const POOLED_FROM = 32_768;

export const sum: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs!['axis'] as number | number[], x.shape);
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  const leading = sorted.length > 0 && sorted.length < rank && sorted.every((a, i) => a === i);
  if (x.dtype !== 'float32' || !leading) return originalKernel('Sum').kernelFunc(args);
  const kept = x.shape.slice(sorted.length);
  const outer = tf.util.sizeFromShape(x.shape.slice(0, sorted.length));
  const inner = tf.util.sizeFromShape(kept);
  const outShape = attrs!['keepDims'] === true ? [...sorted.map(() => 1), ...kept] : kept;
  const b = asWasm(backend);
  if (outer * inner >= POOLED_FROM) {
    const rows = run('Reshape', b, { x }, { shape: [1, outer, 1, inner] });
    const mean = run('AvgPool', b, { x: rows }, { filterSize: [outer, 1], strides: [outer, 1], pad: 'valid' });
    const count = b.makeOutput([], 'float32');
    (b.typedArrayFromHeap(count) as Float32Array)[0] = outer;
    const total = run('Multiply', b, { a: mean, b: count });
    const out = run('Reshape', b, { x: total }, { shape: outShape });
    dispose(b, rows, mean, count, total);
    return out;
  }
  const out = b.makeOutput(outShape, 'float32');
  const xv = b.typedArrayFromHeap(x) as Float32Array;
  const ov = b.typedArrayFromHeap(out) as Float32Array;
  // Float64 accumulators: the sums run over up to ~10^5 terms.
  const acc = new Float64Array(inner);
  for (let i = 0, at = 0; i < outer; i++) {
    for (let j = 0; j < inner; j++, at++) acc[j]! += xv[at]!;
  }
  ov.set(acc);
  return out;
};
