// Stride-1 convolutions on wasm by aelab's SIMD kernel (simd/conv.wat) where it applies: output
// channels in sixteens or a single one, no dilation, NHWC, bias and relu (or neither) fused. It
// is faster than XNNPACK's on the models' convolutions (docs/performance.md), and it splits over
// the threads the same way; the conv input gradient (conv-backprop.ts) is a convolution too and
// uses it.
// Everything else keeps tfjs-wasm's XNNPACK kernels.
import * as tf from '@tensorflow/tfjs';
import { SimdKernels } from './simd/kernels.js';
import {
  asWasm,
  dispose,
  originalKernel,
  padSpatial,
  shape4,
  type SpatialPads,
  type TensorInfo,
  type WasmBackendLike,
} from './compose.js';

/**
 * conv2d(x, filter) at stride 1 with these pads, plus bias [CO] and relu if given, by the SIMD
 * kernel; null where it does not apply (the caller runs XNNPACK's).
 */
export function simdConv2D(
  b: WasmBackendLike,
  x: TensorInfo,
  filter: TensorInfo,
  pads: SpatialPads,
  bias?: TensorInfo,
  relu = false,
): TensorInfo | null {
  const simd = SimdKernels.for(b);
  if (simd === null || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return null;
  const [KH, KW, CI, CO] = shape4(filter, 'filter');
  if ((CO !== 1 && CO % 16 !== 0) || x.shape[3] !== CI || Object.values(pads).some((p) => p < 0)) return null;
  if (bias !== undefined && (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== CO)) return null;
  const [batch, h, w] = x.shape as [number, number, number, number];
  const H = h + pads.top + pads.bottom;
  const W = w + pads.left + pads.right;
  const OH = H - KH + 1;
  const OW = W - KW + 1;
  if (batch === 0 || OH <= 0 || OW <= 0) return null;
  const padded = padSpatial(b, x, pads);
  const out = b.makeOutput([batch, OH, OW, CO], 'float32');
  try {
    simd.conv2d(
      b.getMemoryOffset(padded.dataId),
      b.getMemoryOffset(filter.dataId),
      bias === undefined ? 0 : b.getMemoryOffset(bias.dataId),
      b.getMemoryOffset(out.dataId),
      { batch, H, W, CI, OH, OW, CO, KH, KW },
      relu,
    );
  } finally {
    if (padded !== x) dispose(b, padded);
  }
  return out;
}

/** The concrete pads of a stride-1, undilated NHWC conv; null for anything else. */
function stride1Pads(x: TensorInfo, filter: TensorInfo, attrs: tf.NamedAttrMap): SpatialPads | null {
  const format = attrs['dataFormat'];
  if (format !== undefined && format !== 'NHWC') return null;
  const info = tf.backend_util.computeConv2DInfo(
    shape4(x, 'x'),
    shape4(filter, 'filter'),
    attrs['strides'] as number | [number, number],
    (attrs['dilations'] as number | [number, number] | undefined) ?? 1,
    attrs['pad'] as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || info.dilationHeight !== 1 || info.dilationWidth !== 1)
    return null;
  const { top, bottom, left, right } = info.padInfo;
  return { top, bottom, left, right };
}

export const conv2D: tf.KernelFunc = (args) => {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const pads = x.shape.length === 4 && filter.shape.length === 4 ? stride1Pads(x, filter, args.attrs ?? {}) : null;
  return (
    (pads === null ? null : simdConv2D(asWasm(args.backend), x, filter, pads)) ??
    originalKernel('Conv2D').kernelFunc(args)
  );
};

export const fusedConv2D: tf.KernelFunc = (args) => {
  const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
  const attrs = args.attrs ?? {};
  const activation = (attrs['activation'] as string | undefined) ?? 'linear';
  const fusable = (activation === 'linear' || activation === 'relu') && preluActivationWeights == null;
  const pads = fusable && x!.shape.length === 4 && filter!.shape.length === 4 ? stride1Pads(x!, filter!, attrs) : null;
  const out =
    pads === null
      ? null
      : simdConv2D(asWasm(args.backend), x!, filter!, pads, bias ?? undefined, activation === 'relu');
  return out ?? originalKernel('FusedConv2D').kernelFunc(args);
};
