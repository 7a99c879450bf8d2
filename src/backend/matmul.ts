// Matmuls with transposed operands on wasm: the stock kernel's transposed path is a scalar
// loop 10-30x slower than transposing first and taking the untransposed XNNPACK path.
import * as tf from '@tensorflow/tfjs';
import { asWasm, dispose, originalKernel, run, transpose, type TensorInfo } from './wasm-compose.js';

/**
 * Transposes the last two axes of the operands that need it, then the untransposed XNNPACK
 * path; the wasm kernel's transposed path is a scalar loop 10-30x slower.
 */
export function untransposedMatMul(name: 'BatchMatMul' | '_FusedMatMul'): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const transposeA = Boolean(attrs?.['transposeA']);
    const transposeB = Boolean(attrs?.['transposeB']);
    if (!transposeA && !transposeB) return originalKernel(name).kernelFunc(args);
    const b = asWasm(backend);
    const swapLast = (t: TensorInfo): TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      const n = perm.length;
      [perm[n - 2], perm[n - 1]] = [perm[n - 1]!, perm[n - 2]!];
      return transpose(b, t, perm);
    };
    const a0 = inputs['a'] as TensorInfo;
    const b0 = inputs['b'] as TensorInfo;
    const aT = transposeA ? swapLast(a0) : a0;
    const bT = transposeB ? swapLast(b0) : b0;
    const out = run(name, b, { ...inputs, a: aT, b: bT } as Record<string, TensorInfo>, {
      ...attrs,
      transposeA: false,
      transposeB: false,
    });
    if (aT !== a0) dispose(b, aT);
    if (bT !== b0) dispose(b, bT);
    return out;
  };
}

