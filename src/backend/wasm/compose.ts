// Plumbing shared by the composed wasm kernels: the backend's own kernel functions, captured
// before we re-register any of them, called directly on backend-level TensorInfos (the way
// the wasm backend composes its kernels: no tf ops, no tape, no engine bookkeeping).
import * as tf from '@tensorflow/tfjs';

export type TensorInfo = tf.TensorInfo;
export type NamedAttrMap = tf.NamedAttrMap;
export type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/** Only the parts of the wasm backend object the compositions touch. */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  /** Allocates an output on the wasm heap (contents unspecified). */
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  /** A view of a tensor's bytes on the wasm heap; invalid once the heap grows. */
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  /** Where a tensor's bytes start on the wasm heap (what the SIMD kernels take). */
  getMemoryOffset(dataId: object): number;
}

export function asWasm(backend: unknown): WasmBackendLike {
  return backend as WasmBackendLike;
}

/** The backend's own kernels, captured before any re-registration so we can call them. */
const original = new Map<string, tf.KernelConfig>();

/** Kernel functions we install, to tell ours from the backend's. */
export const ours = new Set<tf.KernelFunc>();

/** The backend's own kernel `name` (captured on first use; must happen before replacing it). */
export function originalKernel(name: string): tf.KernelConfig {
  const saved = original.get(name);
  if (saved !== undefined) return saved;
  const config = tf.getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`wasm backend has no '${name}' kernel to compose with`);
  // Never capture one of ours as the "original": that would make a kernel call itself.
  if (ours.has(config.kernelFunc)) throw new Error(`the wasm backend's own '${name}' was lost`);
  original.set(name, config);
  return config;
}

/** The saved original, if `name` had one when it was captured. */
export function savedOriginal(name: string): tf.KernelConfig | undefined {
  return original.get(name);
}

/** Runs the backend's own kernel `name` on backend-level tensor infos. */
export function run(
  name: string,
  backend: WasmBackendLike,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = originalKernel(name).kernelFunc({ inputs, backend: backend as never, attrs });
  if (Array.isArray(out)) throw new Error(`'${name}' returned several outputs, expected one`);
  return out;
}

export function dispose(backend: WasmBackendLike, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

export function transpose(backend: WasmBackendLike, x: TensorInfo, perm: number[]): TensorInfo {
  return run('Transpose', backend, { x }, { perm });
}

export function pair(v: number | number[]): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0]!, v[1] ?? v[0]!];
}

export function shape4(t: TensorInfo | number[], what: string): [number, number, number, number] {
  const s = Array.isArray(t) ? t : t.shape;
  if (s.length !== 4) throw new Error(`${what} must be rank 4, got shape [${s.join(',')}]`);
  return s as [number, number, number, number];
}

/** Zero padding of the two spatial axes of an NHWC tensor. */
export interface SpatialPads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** x padded with zeros on its spatial axes; x itself when there is nothing to add. */
export function padSpatial(backend: WasmBackendLike, x: TensorInfo, p: SpatialPads): TensorInfo {
  if (p.top + p.bottom + p.left + p.right === 0) return x;
  return run(
    'PadV2',
    backend,
    { x },
    {
      paddings: [
        [0, 0],
        [p.top, p.bottom],
        [p.left, p.right],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
}
