// Matmuls with transposed operands on wasm: the stock kernel's transposed path is a scalar
// loop, far slower than transposing first and taking the untransposed XNNPACK path
// (docs/performance.md).
import * as tf from '@tensorflow/tfjs';
import { swapLastAxes } from './transpose.js';
import { asWasm, dispose, originalKernel, run, type TensorInfo, type WasmBackendLike } from './compose.js';

/**
 * Transposes the last two axes of the operands that need it, then the untransposed XNNPACK
 * path; the wasm kernel's transposed path is a scalar loop.
 */
export function untransposedMatMul(name: 'BatchMatMul' | '_FusedMatMul'): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const transposeA = Boolean(attrs?.['transposeA']);
    const transposeB = Boolean(attrs?.['transposeB']);
    if (!transposeA && !transposeB) return originalKernel(name).kernelFunc(args);
    const b = asWasm(backend);
    const a0 = inputs['a'] as TensorInfo;
    const b0 = inputs['b'] as TensorInfo;
    if (name === 'BatchMatMul' && !transposeA && transposedProductIsCheaper(a0, b0)) {
      return transposedProduct(b, a0, b0);
    }
    const aT = transposeA ? swapLastAxes(b, a0) : a0;
    const bT = transposeB ? swapLastAxes(b, b0) : b0;
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

/**
 * For a [.., M, K] times b [.., N, K] transposed, XNNPACK packs its second operand afresh every
 * call: b transposed, K x N floats, after transposing it. (b a^T)^T packs a^T instead and
 * transposes the M x N result; it pays when b is the big one, as for the gradient of a dense
 * layer's input (dy [128,128] times the [9216,128] weight of the mnist_cnn; docs/performance.md).
 * Counts floats moved: transpose + pack of b against transpose + pack of a, plus the result.
 */
function transposedProductIsCheaper(a: TensorInfo, b: TensorInfo): boolean {
  const [M, K] = a.shape.slice(-2) as [number, number];
  const N = b.shape.at(-2)!;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  return batchA === 1 && batchB === 1 && 2 * K * N > 2 * K * M + M * N;
}

function transposedProduct(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo): TensorInfo {
  const aT = swapLastAxes(backend, a);
  const product = run('BatchMatMul', backend, { a: b, b: aT }, { transposeA: false, transposeB: false });
  dispose(backend, aT);
  const out = swapLastAxes(backend, product);
  dispose(backend, product);
  // The result has b's rank; a broadcast batch of ones is a's rank when that is higher.
  const rank = Math.max(a.shape.length, b.shape.length);
  if (out.shape.length === rank) return out;
  const shape = [...Array<number>(rank - 2).fill(1), ...out.shape.slice(-2)];
  const reshaped = run('Reshape', backend, { x: out }, { shape });
  dispose(backend, out);
  return reshaped;
}
