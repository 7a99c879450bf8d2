// Sum over leading axes on wasm (every bias gradient: a conv's sums [B,H,W,C] over B,H,W) as
// one JS pass over the wasm heap. The stock Sum first transposes the reduced axes to the end,
// a full copy, and took ~40 ms on [128,24,24,64]. A matmul with a row of ones looked faster in
// isolation, but XNNPACK repacks the activation as "weights" on every new tensor, which made
// it slower than the copy inside a training step.
import * as tf from '@tensorflow/tfjs';
import { asWasm, originalKernel, type TensorInfo } from './wasm-compose.js';

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
