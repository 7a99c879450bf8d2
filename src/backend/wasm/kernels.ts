// Installs kernels the tfjs wasm backend lacks or runs slowly, for training on wasm.
//
// The wasm backend's Conv2D and untransposed BatchMatMul go through XNNPACK (SIMD; stride-1
// convolutions with 16k filters run aelab's own, faster, conv-forward.ts); as shipped
// it has no Conv2DBackpropFilter (so no conv model trains), and its Conv2DBackpropInput,
// transposed BatchMatMul, MaxPoolGrad, ResizeNearestNeighborGrad, leading-axes Sum, row
// GatherV2, Softplus, SplitV and last-axes Transpose are slow loops, its Identity copies, and
// relu's gradient takes three kernels (aelab's RELU_GRAD, ../fused-relu-grad.ts, makes it one);
// Adam's and Adadelta's updates get kernels of their own (adam-update.ts, adadelta-update.ts).
// Each replacement handles the cases it can and calls the backend's own kernel for the rest.
// Several run hand-written SIMD kernels (simd/). Measured with bench/kernels.ts.
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilter, conv2DBackpropInput } from './conv-backprop.js';
import { conv2D, fusedConv2D } from './conv-forward.js';
import { gatherRows } from './gather.js';
import { sharedIdentity } from './identity.js';
import { untransposedMatMul } from './matmul.js';
import { maxPoolGrad, resizeNearestNeighborGrad } from './pool-grads.js';
import { softplus } from './softplus.js';
import { splitContiguous } from './split.js';
import { transposeKernel } from './transpose.js';
import { RELU_GRAD } from '../fused-relu-grad.js';
import { reluGradWasm } from './relu-grad.js';
import { ADAM_UPDATE, adamUpdateWasm } from './adam-update.js';
import { ADADELTA_UPDATE, adadeltaUpdateWasm } from './adadelta-update.js';
import { sum } from './sum.js';
import { originalKernel, ours, savedOriginal } from './compose.js';

const replacements = {
  Conv2D: conv2D,
  FusedConv2D: fusedConv2D,
  Conv2DBackpropFilter: conv2DBackpropFilter,
  Conv2DBackpropInput: conv2DBackpropInput,
  BatchMatMul: untransposedMatMul('BatchMatMul'),
  _FusedMatMul: untransposedMatMul('_FusedMatMul'),
  MaxPoolGrad: maxPoolGrad,
  ResizeNearestNeighborGrad: resizeNearestNeighborGrad,
  Sum: sum,
  GatherV2: gatherRows,
  Identity: sharedIdentity,
  Softplus: softplus,
  SplitV: splitContiguous,
  Transpose: transposeKernel,
  [RELU_GRAD]: reluGradWasm,
  [ADAM_UPDATE]: adamUpdateWasm,
  [ADADELTA_UPDATE]: adadeltaUpdateWasm,
} satisfies Record<string, tf.KernelFunc>;

export type ReplacedKernel = keyof typeof replacements;

/** The kernels installWasmKernels puts in place. */
export const REPLACED_KERNELS = Object.keys(replacements) as ReplacedKernel[];

for (const f of Object.values(replacements)) ours.add(f);

/** Kernels the replacements call; captured before anything is replaced. */
const BUILDING_BLOCKS = [
  'Transpose',
  'Conv2D',
  'Slice',
  'Reshape',
  'PadV2',
  'Reverse',
  'AvgPool',
  'Multiply',
  'Abs',
  'Sigmoid',
  'Log',
  'Relu',
  'Sub',
];

/**
 * Registers the replacement kernels for the 'wasm' backend (all, or the ones named). Safe to
 * call again. The backend's originals are kept, and what the replacements fall back to and
 * compose with; each replacement keeps its original's setupFunc, which binds the wasm exports
 * and must run again whenever the backend is (re)initialised.
 */
export function installWasmKernels(only: readonly ReplacedKernel[] = REPLACED_KERNELS): void {
  for (const name of [...BUILDING_BLOCKS, ...REPLACED_KERNELS]) {
    const current = tf.getKernel(name, 'wasm');
    if (current !== undefined && !ours.has(current.kernelFunc)) originalKernel(name);
  }
  for (const name of only) {
    const current = tf.getKernel(name, 'wasm');
    if (current !== undefined && ours.has(current.kernelFunc)) continue;
    if (current !== undefined) tf.unregisterKernel(name, 'wasm');
    const base = savedOriginal(name);
    const config: tf.KernelConfig = { kernelName: name, backendName: 'wasm', kernelFunc: replacements[name] };
    if (base?.setupFunc !== undefined) config.setupFunc = base.setupFunc;
    if (base?.disposeFunc !== undefined) config.disposeFunc = base.disposeFunc;
    tf.registerKernel(config);
  }
}

/**
 * Puts the backend's own kernels back (the bench compares them with the replacements), except
 * those named in `keep`. Conv2DBackpropFilter has no original and always stays.
 */
export function uninstallWasmKernels(keep: readonly ReplacedKernel[] = []): void {
  for (const name of REPLACED_KERNELS) {
    const base = savedOriginal(name);
    const current = tf.getKernel(name, 'wasm');
    if (keep.includes(name) || base === undefined || current === undefined || !ours.has(current.kernelFunc)) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(base);
  }
}
