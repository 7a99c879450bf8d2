// Gradients of max pooling and nearest-neighbour upsampling on wasm. The stock kernels are C++
// loops that, for every input pixel, revisit every window containing it (MaxPoolGrad recomputes
// each window's argmax there), a large part of a conv AE training step. MaxPoolGrad is one
// pass over the windows (a SIMD kernel for whole 2x2 windows, else JS); the upsampling
// gradient is an average pool. Timings: docs/performance.md.
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import { asWasm, dispose, originalKernel, run, type TensorInfo } from './compose.js';

/** 2x2 windows at stride 2, none past the edges, channels in fours: what the SIMD kernel takes. */
function wholeWindows2x2(info: tf.backend_util.Conv2DInfo): boolean {
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo, outHeight, outWidth } = info;
  return (
    filterHeight === 2 &&
    filterWidth === 2 &&
    strideHeight === 2 &&
    strideWidth === 2 &&
    padInfo.top === 0 &&
    padInfo.left === 0 &&
    2 * outHeight <= info.inHeight &&
    2 * outWidth <= info.inWidth &&
    info.inChannels % 4 === 0 &&
    info.batchSize * outHeight * outWidth > 0
  );
}

/**
 * Scatters each dy value onto its window's argmax in x. Ties go to the first maximum in
 * row-major window order and NaNs never win, as in the cpu backend (`pixel > maxValue`).
 */
export const maxPoolGrad: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const x = inputs['input'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  if (x.dtype !== 'float32' || x.shape.length !== 4) {
    return originalKernel('MaxPoolGrad').kernelFunc(args);
  }
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attrs!['filterSize'] as number | [number, number],
    attrs!['strides'] as number | [number, number],
    1,
    attrs!['pad'] as 'same' | 'valid' | number,
    attrs!['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  const b = asWasm(backend);
  const dx = b.makeOutput(x.shape, 'float32');
  const simd = SimdKernels.for(backend);
  if (simd !== null && wholeWindows2x2(info)) {
    // The models' pool: one SIMD pass (simd/max-pool-grad.wat).
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
    simd.maxPoolGrad2x2(
      b.getMemoryOffset(x.dataId),
      b.getMemoryOffset(dy.dataId),
      b.getMemoryOffset(dx.dataId),
      batchSize,
      inHeight,
      inWidth,
      inChannels,
      outHeight,
      outWidth,
    );
    return dx;
  }
  // Views only after allocating: growing the heap detaches earlier ones.
  const xv = b.typedArrayFromHeap(x) as Float32Array;
  const dyv = b.typedArrayFromHeap(dy) as Float32Array;
  const dxv = b.typedArrayFromHeap(dx) as Float32Array;
  dxv.fill(0);
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight, outWidth } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const fast2x2 = fh === 2 && fw === 2 && sh === 2 && sw === 2;
  const maxValue = new Float32Array(C);
  const maxAt = new Int32Array(C);
  let dyAt = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let yr = 0; yr < outHeight; yr++) {
      const r0 = yr * sh - top;
      const rStart = Math.max(r0, 0);
      const rEnd = Math.min(r0 + fh, H);
      for (let yc = 0; yc < outWidth; yc++, dyAt += C) {
        const c0 = yc * sw - left;
        const cStart = Math.max(c0, 0);
        const cEnd = Math.min(c0 + fw, W);
        if (fast2x2 && rEnd - rStart === 2 && cEnd - cStart === 2) {
          // The models' pool (2x2, stride 2) on a whole window: the same comparisons in the same
          // order, without the per-window arrays.
          const p00 = ((n * H + rStart) * W + cStart) * C;
          const p01 = p00 + C;
          const p10 = p00 + W * C;
          const p11 = p10 + C;
          for (let d = 0; d < C; d++) {
            let m = Number.NEGATIVE_INFINITY;
            let at = -1;
            let v = xv[p00 + d]!;
            if (v > m) {
              m = v;
              at = p00 + d;
            }
            v = xv[p01 + d]!;
            if (v > m) {
              m = v;
              at = p01 + d;
            }
            v = xv[p10 + d]!;
            if (v > m) {
              m = v;
              at = p10 + d;
            }
            v = xv[p11 + d]!;
            if (v > m) at = p11 + d;
            if (at >= 0) dxv[at] = dxv[at]! + dyv[dyAt + d]!;
          }
          continue;
        }
        maxValue.fill(Number.NEGATIVE_INFINITY);
        maxAt.fill(-1);
        for (let r = rStart; r < rEnd; r++) {
          for (let c = cStart; c < cEnd; c++) {
            const base = ((n * H + r) * W + c) * C;
            for (let d = 0; d < C; d++) {
              const v = xv[base + d]!;
              if (v > maxValue[d]!) {
                maxValue[d] = v;
                maxAt[d] = base + d;
              }
            }
          }
        }
        for (let d = 0; d < C; d++) {
          const at = maxAt[d]!;
          if (at >= 0) dxv[at] = dxv[at]! + dyv[dyAt + d]!;
        }
      }
    }
  }
  return dx;
};

/**
 * For an upsampling by whole factors (what layers.upSampling2d does), each input pixel's
 * gradient is the sum of its fh x fw block of dy; other resizes keep the stock kernel.
 */
export const resizeNearestNeighborGrad: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const images = inputs['images'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  const [, H, W] = images.shape as [number, number, number, number];
  const [, outH, outW] = dy.shape as [number, number, number, number];
  const fh = outH / H;
  const fw = outW / W;
  if (
    attrs?.['alignCorners'] === true ||
    dy.dtype !== 'float32' ||
    images.shape.length !== 4 ||
    !Number.isInteger(fh) ||
    !Number.isInteger(fw)
  ) {
    return originalKernel('ResizeNearestNeighborGrad').kernelFunc(args);
  }
  // Each input pixel's gradient is the sum of its fh x fw block of dy: an average pool over the
  // blocks (XNNPACK: SIMD, and multi-threaded when the backend has threads) times fh * fw.
  // Faster than the one JS pass it replaces, which also held the other cores idle.
  const b = asWasm(backend);
  const mean = run('AvgPool', b, { x: dy }, { filterSize: [fh, fw], strides: [fh, fw], pad: 'valid' });
  const scale = b.makeOutput([], 'float32');
  (b.typedArrayFromHeap(scale) as Float32Array)[0] = fh * fw;
  const dx = run('Multiply', b, { a: mean, b: scale });
  dispose(b, mean, scale);
  return dx;
};
