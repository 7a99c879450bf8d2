// SplitV on wasm along an axis with nothing but size-1 axes before it (so each piece is one
// contiguous run of the input), as heap copies. Adam's update is one flat vector split back
// into the variables every step; the stock kernel slices each piece through generic strides,
// where copying the runs is one memcpy each (timings: docs/performance.md).
import * as tf from '@tensorflow/tfjs';
import { asWasm, originalKernel, type TensorInfo } from './compose.js';

export const splitContiguous: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const axis = tf.util.parseAxisParam(attrs!['axis'] as number, x.shape)[0]!;
  if (x.dtype === 'string' || x.shape.slice(0, axis).some((d) => d !== 1)) {
    return originalKernel('SplitV').kernelFunc(args);
  }
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs!['numOrSizeSplits'] as number | number[], axis);
  const inner = tf.util.sizeFromShape(x.shape.slice(axis + 1));
  const b = asWasm(backend);
  const outs = sizes.map((size) => {
    const shape = x.shape.slice();
    shape[axis] = size;
    return b.makeOutput(shape, x.dtype);
  });
  // Views only after allocating: growing the heap detaches earlier ones.
  const src = b.typedArrayFromHeap(x);
  let from = 0;
  outs.forEach((out, i) => {
    const n = sizes[i]! * inner;
    b.typedArrayFromHeap(out).set(src.subarray(from, from + n));
    from += n;
  });
  return outs;
};
