// The control block the main thread and a helper thread share (kernels.ts, helper-thread.ts):
// Int32 slots in a SharedArrayBuffer of their own, outside the wasm heap.

/** Slot indices. */
export const CONTROL = {
  /** Sequence number of the last call posted (main thread writes, then notifies). */
  posted: 0,
  /** Sequence number of the last call finished (helper writes, then notifies). */
  done: 1,
  /** 0 if the last call finished normally, 1 if it trapped. */
  status: 2,
  /** 1 once the helper has instantiated the module. */
  ready: 3,
  /** Index into KERNELS of the export to call. */
  kernel: 4,
  argCount: 5,
  /** First argument; the arguments are i32s (pointers are byte offsets). */
  args: 8,
} as const;

export const CONTROL_BYTES = 32 * Int32Array.BYTES_PER_ELEMENT;

/** The exports a helper can be asked to run, by index. */
export const KERNELS = ['filterGrad'] as const;

export interface HelperData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
}
