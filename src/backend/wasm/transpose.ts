// Transposes that swap the last two axes of a float32 tensor, by the SIMD kernel
// (simd/transpose.wat) rather than tfjs-wasm's one float at a time: the transposed matmuls
// (matmul.ts) need one of a big dense weight every step (timings: docs/performance.md). Other
// permutations keep tfjs's kernel.
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import { asWasm, originalKernel, run, type TensorInfo, type WasmBackendLike } from './compose.js';

function swapsLastTwo(perm: readonly number[]): boolean {
  const n = perm.length;
  return n >= 2 && perm[n - 2] === n - 1 && perm[n - 1] === n - 2 && perm.slice(0, n - 2).every((p, i) => p === i);
}

/** x with its last two axes swapped. */
export function swapLastAxes(b: WasmBackendLike, x: TensorInfo): TensorInfo {
  const n = x.shape.length;
  const perm = x.shape.map((_, i) => i);
  [perm[n - 2], perm[n - 1]] = [perm[n - 1]!, perm[n - 2]!];
  const simd = x.dtype === 'float32' ? SimdKernels.for(b) : null;
  if (simd === null) return run('Transpose', b, { x }, { perm });
  const shape = perm.map((p) => x.shape[p]!);
  const out = b.makeOutput(shape, 'float32');
  const R = x.shape[n - 2]!;
  const C = x.shape[n - 1]!;
  const batch = tf.util.sizeFromShape(x.shape.slice(0, n - 2));
  if (batch * R * C > 0) simd.transpose(b.getMemoryOffset(x.dataId), b.getMemoryOffset(out.dataId), batch, R, C);
  return out;
}

export const transposeKernel: tf.KernelFunc = (args) => {
  const x = args.inputs['x'] as TensorInfo;
  const perm = args.attrs!['perm'] as number[];
  if (x.dtype !== 'float32' || !swapsLastTwo(perm)) return originalKernel('Transpose').kernelFunc(args);
  return swapLastAxes(asWasm(args.backend), x);
};
