// Installs aelab's kernels on the native ('tensorflow') backend, the counterpart of
// wasm/kernels.ts: each replaces a stock tfjs-node kernel where TensorFlow has a faster op, or
// one that its graph optimizer can fuse in a graph step (graph-steps/). notes.md says why each.
import { installNativeBiasAdd } from './bias-add.js';
import { installNativeKeepMask } from './dropout.js';
import { installOneDnnMaxPoolGrad } from './maxpool-grad.js';
import { installSingleChannelConv } from './single-channel-conv.js';

/** Call with the 'tensorflow' backend active (the max-pool probe runs on it). Idempotent. */
export function installNativeKernels(): void {
  installOneDnnMaxPoolGrad();
  installNativeKeepMask();
  installNativeBiasAdd();
  installSingleChannelConv();
}
