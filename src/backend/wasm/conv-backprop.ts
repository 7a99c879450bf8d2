// Conv2D gradients on wasm as XNNPACK convolutions (math in /work/shared/REFERENCES.md).
// The stock backend has no Conv2DBackpropFilter and runs Conv2DBackpropInput as a scalar loop.
import * as tf from '@tensorflow/tfjs';
import {
  asWasm,
  dispose,
  originalKernel,
  padSpatial,
  pair,
  run,
  shape4,
  transpose,
  type ExplicitPad,
  type NamedAttrMap,
  type TensorInfo,
  type WasmBackendLike,
} from './compose.js';
import { simdConv2D } from './conv-forward.js';
import { SimdKernels } from './simd/kernels.js';

interface ConvGeometry {
  strides: [number, number];
  pads: { top: number; bottom: number; left: number; right: number };
}

/**
 * Strides and the concrete pads of the forward conv, from the attrs a backprop kernel gets.
 * 'same' pads are split the way tfjs splits them (the extra row/column goes bottom/right).
 */
function forwardGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: NamedAttrMap,
): ConvGeometry {
  const strides = pair(attrs['strides'] as number | number[]);
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    1,
    attrs['pad'] as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
  const p = info.padInfo;
  return { strides, pads: { top: p.top, bottom: p.bottom, left: p.left, right: p.right } };
}

function assertNHWC(kernel: string, attrs: NamedAttrMap): void {
  const format = attrs['dataFormat'];
  if (format !== undefined && format !== 'NHWC') {
    throw new Error(`${kernel} on wasm supports only dataFormat 'NHWC', got '${String(format)}'`);
  }
}

/**
 * dW[kh,kw,ci,co] = sum over b,y,x of xPadded[b, y*s+i, x*s+j, c] * dy[b,y,x,o].
 * Read as a conv whose "batch" is ci, "channels" are the batch B and "filter" is dy:
 * conv2d(x as [ci,H,W,B], dy as [Hy,Wy,B,co], stride 1, dilation s, forward pads) gives
 * [ci, kh', kw', co] with kh' >= kh (extra rows when (H+pads-kh) is not a multiple of s, e.g.
 * 'same' with stride 2 on an even size); the first kh x kw are the gradient.
 */
export const conv2DBackpropFilter: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const b = asWasm(backend);
  const x = inputs['x'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  assertNHWC('Conv2DBackpropFilter', attrs ?? {});
  const filterShape = shape4(attrs!['filterShape'] as number[], 'filterShape');
  const [kh, kw, ci, co] = filterShape;
  const { strides, pads } = forwardGeometry(shape4(x, 'x'), filterShape, attrs!);
  const simd = SimdKernels.for(backend);
  if (simd !== null && strides[0] === 1 && strides[1] === 1 && (co === 1 || co % 4 === 0)) {
    return filterGradSimd(simd, b, x, dy, filterShape, pads);
  }

  const xT = transpose(b, x, [3, 1, 2, 0]); // [ci, H, W, B]
  const dyT = transpose(b, dy, [1, 2, 0, 3]); // [Hy, Wy, B, co]
  const pad: ExplicitPad = [
    [0, 0],
    [pads.top, pads.bottom],
    [pads.left, pads.right],
    [0, 0],
  ];
  const full = run(
    'Conv2D',
    b,
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      pad,
      dataFormat: 'NHWC',
      dilations: strides,
    },
  );
  dispose(b, xT, dyT);
  let cropped = full;
  if (full.shape[1] !== kh || full.shape[2] !== kw) {
    cropped = run('Slice', b, { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    dispose(b, full);
  }
  const dW = transpose(b, cropped, [1, 2, 0, 3]); // [kh, kw, ci, co]
  dispose(b, cropped);
  return dW;
};

/**
 * The stride-1 filter gradient by the SIMD kernel (simd/filter-grad.wat): x padded as the
 * forward conv padded it, then one pass over x and dy on every thread.
 */
function filterGradSimd(
  simd: SimdKernels,
  b: WasmBackendLike,
  x: TensorInfo,
  dy: TensorInfo,
  [kh, kw, ci, co]: [number, number, number, number],
  pads: ConvGeometry['pads'],
): TensorInfo {
  const xp = padSpatial(b, x, pads);
  const [batch, H, W] = shape4(xp, 'x');
  const [, OH, OW] = shape4(dy, 'dy');
  if (OH !== H - kh + 1 || OW !== W - kw + 1) {
    throw new Error(
      `Conv2DBackpropFilter: dy [${dy.shape.join(',')}] does not fit x padded to [${xp.shape.join(',')}] and a ${kh}x${kw} filter`,
    );
  }
  const out = b.makeOutput([kh, kw, ci, co], 'float32');
  try {
    simd.filterGrad(b.getMemoryOffset(xp.dataId), b.getMemoryOffset(dy.dataId), b.getMemoryOffset(out.dataId), {
      batch,
      H,
      W,
      CI: ci,
      OH,
      OW,
      CO: co,
      KH: kh,
      KW: kw,
    });
  } finally {
    if (xp !== x) dispose(b, xp);
  }
  return out;
}

/**
 * dx = conv2d(dy with s-1 zeros inserted between rows/columns, filter reversed on both spatial
 * axes with in/out channels swapped, stride 1, pads k-1-p on top/left and whatever makes the
 * output H x W on bottom/right). For stride 1 nothing is inserted. Returns null when the
 * composition does not apply (negative pads from unusual explicit padding) so that the caller
 * falls back to the backend's own kernel.
 */
function conv2DBackpropInputComposed(
  b: WasmBackendLike,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: NamedAttrMap,
): TensorInfo | null {
  const inputShape = shape4(attrs['inputShape'] as number[], 'inputShape');
  const filterShape = shape4(filter, 'filter');
  const [batch, H, W] = inputShape;
  const [kh, kw] = filterShape;
  const [, Hy, Wy, co] = shape4(dy, 'dy');
  const { strides, pads } = forwardGeometry(inputShape, filterShape, attrs);
  const [sh, sw] = strides;
  const top = kh - 1 - pads.top;
  const left = kw - 1 - pads.left;
  const bottom = H + pads.top - (Hy - 1) * sh - 1;
  const right = W + pads.left - (Wy - 1) * sw - 1;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;

  let dyUp = dy;
  if (sh > 1 || sw > 1) {
    // [B,Hy,1,Wy,1,co] padded to [B,Hy,sh,Wy,sw,co] puts each value at the top-left of an
    // sh x sw block of zeros; the trailing zeros after the last row/column are sliced off.
    const r6 = run('Reshape', b, { x: dy }, { shape: [batch, Hy, 1, Wy, 1, co] });
    const padded = run(
      'PadV2',
      b,
      { x: r6 },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, sh - 1],
          [0, 0],
          [0, sw - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    const r4 = run('Reshape', b, { x: padded }, { shape: [batch, Hy * sh, Wy * sw, co] });
    dyUp = run(
      'Slice',
      b,
      { x: r4 },
      {
        begin: [0, 0, 0, 0],
        size: [batch, (Hy - 1) * sh + 1, (Wy - 1) * sw + 1, co],
      },
    );
    dispose(b, r6, padded, r4);
  }
  const flipped = run('Reverse', b, { x: filter }, { dims: [0, 1] });
  const swapped = transpose(b, flipped, [0, 1, 3, 2]); // [kh, kw, co, ci]
  dispose(b, flipped);
  const pad: ExplicitPad = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  const dx =
    simdConv2D(b, dyUp, swapped, { top, bottom, left, right }) ??
    run(
      'Conv2D',
      b,
      { x: dyUp, filter: swapped },
      {
        strides: [1, 1],
        pad,
        dataFormat: 'NHWC',
        dilations: [1, 1],
      },
    );
  dispose(b, swapped);
  if (dyUp !== dy) dispose(b, dyUp);
  return dx;
}

export const conv2DBackpropInput: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const dy = inputs['dy'] as TensorInfo;
  const filter = inputs['filter'] as TensorInfo;
  const a = attrs ?? {};
  const format = a['dataFormat'];
  if (format === undefined || format === 'NHWC') {
    const out = conv2DBackpropInputComposed(asWasm(backend), dy, filter, a);
    if (out !== null) return out;
  }
  return originalKernel('Conv2DBackpropInput').kernelFunc(args);
};
