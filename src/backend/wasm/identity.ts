// Identity on wasm shares the input's memory (one more reference) instead of copying it, as the
// cpu backend and wasm's own Reshape already do; tensors are immutable, so nothing can tell.
// It matters for training: the gradient tape clones (Identity) every tensor it saves for the
// backward pass, whole activations each (what those copies cost: docs/performance.md).
import * as tf from '@tensorflow/tfjs';
import { originalKernel, type TensorInfo } from './compose.js';

interface RefCounting {
  incRef(dataId: object): void;
}

export const sharedIdentity: tf.KernelFunc = (args) => {
  const x = args.inputs['x'] as TensorInfo;
  if (x.dtype === 'string') return originalKernel('Identity').kernelFunc(args);
  (args.backend as unknown as RefCounting).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};
