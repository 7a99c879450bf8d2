// Kernels the tfjs wasm backend lacks or runs slowly, rebuilt from the kernels it runs fast.
//
// The wasm backend's Conv2D and untransposed BatchMatMul go through XNNPACK (SIMD); its
// Conv2DBackpropInput and transposed BatchMatMul are plain C++ loops, and it has no
// Conv2DBackpropFilter at all, so no conv model can train on it as shipped. Each kernel here
// is a composition of wasm kernel functions (Transpose, Conv2D, Slice, ...) called directly on
// the backend, the way the wasm backend composes its own kernels: no tf ops, no tape, every
// intermediate disposed before returning. The math is in /work/shared/REFERENCES.md.
import * as tf from '@tensorflow/tfjs';

type TensorInfo = tf.TensorInfo;
type NamedAttrMap = tf.NamedAttrMap;
type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/** Only the parts of the wasm backend object the compositions touch. */
interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The backend's own kernels, captured before any re-registration so we can call them. */
const original = new Map<string, tf.KernelConfig>();

/** Kernel functions this module installed, to tell ours from someone else's on re-install. */
const installed = new Set<tf.KernelFunc>();

function originalKernel(name: string): tf.KernelConfig {
  const saved = original.get(name);
  if (saved !== undefined) return saved;
  const config = tf.getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`wasm backend has no '${name}' kernel to compose with`);
  // Never capture one of ours as the "original": that would make a kernel call itself.
  if (installed.has(config.kernelFunc)) throw new Error(`'${name}' original was lost`);
  original.set(name, config);
  return config;
}

/** Runs a wasm kernel function (the backend's original) on backend-level tensor infos. */
function run(
  name: string,
  backend: WasmBackendLike,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = originalKernel(name).kernelFunc({ inputs, backend: backend as never, attrs });
  if (Array.isArray(out)) throw new Error(`'${name}' returned several outputs, expected one`);
  return out;
}

function dispose(backend: WasmBackendLike, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

function transpose(backend: WasmBackendLike, x: TensorInfo, perm: number[]): TensorInfo {
  return run('Transpose', backend, { x }, { perm });
}

function pair(v: number | [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

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
  const strides = pair(attrs['strides'] as number | [number, number]);
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

function shape4(t: TensorInfo | number[], what: string): [number, number, number, number] {
  const s = Array.isArray(t) ? t : t.shape;
  if (s.length !== 4) throw new Error(`${what} must be rank 4, got shape [${s.join(',')}]`);
  return s as [number, number, number, number];
}

/**
 * dW[kh,kw,ci,co] = sum over b,y,x of xPadded[b, y*s+i, x*s+j, c] * dy[b,y,x,o].
 * Read as a conv whose "batch" is ci, "channels" are the batch B and "filter" is dy:
 * conv2d(x as [ci,H,W,B], dy as [Hy,Wy,B,co], stride 1, dilation s, forward pads) gives
 * [ci, kh', kw', co] with kh' >= kh (extra rows when (H+pads-kh) is not a multiple of s, e.g.
 * 'same' with stride 2 on an even size); the first kh x kw are the gradient.
 */
const conv2DBackpropFilter: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const b = backend as unknown as WasmBackendLike;
  const x = inputs['x'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  assertNHWC('Conv2DBackpropFilter', attrs ?? {});
  const filterShape = shape4(attrs!['filterShape'] as number[], 'filterShape');
  const [kh, kw, ci, co] = filterShape;
  const { strides, pads } = forwardGeometry(shape4(x, 'x'), filterShape, attrs!);

  const xT = transpose(b, x, [3, 1, 2, 0]); // [ci, H, W, B]
  const dyT = transpose(b, dy, [1, 2, 0, 3]); // [Hy, Wy, B, co]
  const pad: ExplicitPad = [[0, 0], [pads.top, pads.bottom], [pads.left, pads.right], [0, 0]];
  const full = run('Conv2D', b, { x: xT, filter: dyT }, {
    strides: [1, 1],
    pad,
    dataFormat: 'NHWC',
    dilations: strides,
  });
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
    const padded = run('PadV2', b, { x: r6 }, {
      paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
      constantValue: 0,
    });
    const r4 = run('Reshape', b, { x: padded }, { shape: [batch, Hy * sh, Wy * sw, co] });
    dyUp = run('Slice', b, { x: r4 }, {
      begin: [0, 0, 0, 0],
      size: [batch, (Hy - 1) * sh + 1, (Wy - 1) * sw + 1, co],
    });
    dispose(b, r6, padded, r4);
  }
  const flipped = run('Reverse', b, { x: filter }, { dims: [0, 1] });
  const swapped = transpose(b, flipped, [0, 1, 3, 2]); // [kh, kw, co, ci]
  dispose(b, flipped);
  const pad: ExplicitPad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const dx = run('Conv2D', b, { x: dyUp, filter: swapped }, {
    strides: [1, 1],
    pad,
    dataFormat: 'NHWC',
    dilations: [1, 1],
  });
  dispose(b, swapped);
  if (dyUp !== dy) dispose(b, dyUp);
  return dx;
}

/** Which Conv2DBackpropInput strides use the composition (the rest keep the original loop). */
let backpropInputMaxStride = Number.POSITIVE_INFINITY;

const conv2DBackpropInput: tf.KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const dy = inputs['dy'] as TensorInfo;
  const filter = inputs['filter'] as TensorInfo;
  const a = attrs ?? {};
  const strides = pair(a['strides'] as number | [number, number]);
  const format = a['dataFormat'];
  if ((format === undefined || format === 'NHWC') && Math.max(...strides) <= backpropInputMaxStride) {
    const out = conv2DBackpropInputComposed(backend as unknown as WasmBackendLike, dy, filter, a);
    if (out !== null) return out;
  }
  return originalKernel('Conv2DBackpropInput').kernelFunc(args);
};

/**
 * Transposes the last two axes of the operands that need it, then the untransposed XNNPACK
 * path; the wasm kernel's transposed path is a scalar loop 10-30x slower.
 */
function untransposedMatMul(name: 'BatchMatMul' | '_FusedMatMul'): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const transposeA = Boolean(attrs?.['transposeA']);
    const transposeB = Boolean(attrs?.['transposeB']);
    if (!transposeA && !transposeB) return originalKernel(name).kernelFunc(args);
    const b = backend as unknown as WasmBackendLike;
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

export interface WasmKernelOptions {
  /**
   * Largest Conv2DBackpropInput stride that uses the composition; larger strides keep the
   * backend's loop. Default: all strides (zero insertion wastes s^2 of the FLOPs but still wins).
   */
  backpropInputMaxStride?: number;
}

/** The kernels installWasmKernels puts in place, by name. */
export const COMPOSED_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'BatchMatMul',
  '_FusedMatMul',
] as const;

const replacements: Record<(typeof COMPOSED_KERNELS)[number], tf.KernelFunc> = {
  Conv2DBackpropFilter: conv2DBackpropFilter,
  Conv2DBackpropInput: conv2DBackpropInput,
  BatchMatMul: untransposedMatMul('BatchMatMul'),
  _FusedMatMul: untransposedMatMul('_FusedMatMul'),
};
for (const f of Object.values(replacements)) installed.add(f);

/**
 * Registers the composed kernels for the 'wasm' backend. Idempotent: a second call changes
 * nothing. The originals are kept (with their setupFunc, which binds the wasm exports and
 * must still run whenever the backend is (re)initialised) and are what the compositions call.
 */
export function installWasmKernels(options: WasmKernelOptions = {}): void {
  if (options.backpropInputMaxStride !== undefined) {
    backpropInputMaxStride = options.backpropInputMaxStride;
  }
  // Capture every original we compose with before replacing any of them.
  for (const name of ['Transpose', 'Conv2D', 'Slice', 'Reshape', 'PadV2', 'Reverse']) {
    originalKernel(name);
  }
  for (const name of COMPOSED_KERNELS) {
    const current = tf.getKernel(name, 'wasm');
    if (current !== undefined && installed.has(current.kernelFunc)) continue;
    const base = current !== undefined ? originalKernel(name) : undefined;
    if (current !== undefined) tf.unregisterKernel(name, 'wasm');
    const config: tf.KernelConfig = {
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: replacements[name],
    };
    if (base?.setupFunc !== undefined) config.setupFunc = base.setupFunc;
    if (base?.disposeFunc !== undefined) config.disposeFunc = base.disposeFunc;
    tf.registerKernel(config);
  }
}

/**
 * Puts the backend's own kernels back (the bench compares them with the compositions).
 * Conv2DBackpropFilter has no original and is left in place.
 */
export function uninstallWasmKernels(): void {
  for (const name of COMPOSED_KERNELS) {
    const base = original.get(name);
    const current = tf.getKernel(name, 'wasm');
    if (base === undefined || current === undefined || !installed.has(current.kernelFunc)) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(base);
  }
}
