// Gathering rows (axis 0) on wasm. The stock GatherV2 computes every element's source through
// generic strides; copying whole rows with TypedArray.set (a memcpy) does not (timings:
// docs/performance.md). Other axes keep the stock kernel. Training batches no longer come from a
// tf.gather (models/batches.ts makes them from the data's bytes); bench/batch-making.ts compares
// the two ways with this kernel in place.
import * as tf from '@tensorflow/tfjs';
import { asWasm, originalKernel, type TensorInfo } from './compose.js';

export const gatherRows: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const indices = inputs['indices'] as TensorInfo;
  const axis = tf.util.parseAxisParam(attrs!['axis'] as number, x.shape)[0];
  const batchDims = (attrs!['batchDims'] as number | undefined) ?? 0;
  if (axis !== 0 || batchDims !== 0 || indices.dtype !== 'int32' || x.shape.length === 0) {
    return originalKernel('GatherV2').kernelFunc(args);
  }
  const b = asWasm(backend);
  const rows = x.shape[0]!;
  const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
  const idx = Int32Array.from(b.typedArrayFromHeap(indices) as Int32Array);
  // Out-of-range indices: the stock kernel's behaviour, whatever it is, stays the reference.
  if (idx.some((i) => i < 0 || i >= rows)) return originalKernel('GatherV2').kernelFunc(args);
  const out = b.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
  // Views only after allocating: growing the heap detaches earlier ones.
  const src = b.typedArrayFromHeap(x);
  const dst = b.typedArrayFromHeap(out);
  for (let k = 0; k < idx.length; k++) {
    const from = idx[k]! * rowSize;
    dst.set(src.subarray(from, from + rowSize), k * rowSize);
  }
  return out;
};
