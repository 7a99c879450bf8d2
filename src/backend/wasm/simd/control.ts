// The control blocks the main thread and the helper threads share (kernels.ts,
// helper-thread.ts): Int32 slots in SharedArrayBuffers of their own, outside the wasm heap.
//
// A call is split into pieces (one batch entry each) that every thread takes from one shared
// counter until none are left, so a helper that wakes late (the machine busy, XNNPACK's own
// threads still spinning) just takes fewer; if it has not started by the time the main thread
// has taken the last piece, the main thread withdraws the call and does not wait for it.

/** Slots of a helper's own control block. */
export const CONTROL = {
  /** Sequence number of the last call posted (main thread writes, then notifies). */
  posted: 0,
  /** Sequence number of the last call finished or withdrawn (helper writes, then notifies). */
  done: 1,
  /** 0 if the last call finished normally, 1 if it trapped. */
  status: 2,
  /** 1 once the helper has instantiated the module. */
  ready: 3,
  /** STATE_*: who owns the posted call. */
  state: 4,
  /** Index into KERNELS of the export to call. */
  kernel: 5,
  argCount: 6,
  /** Which argument gets the piece number (and the next one the piece number + 1). */
  pieceArg: 7,
  /** Number of pieces of the call. */
  pieces: 8,
  /** First argument; the arguments are i32s (pointers are byte offsets). */
  args: 12,
} as const;

export const CONTROL_BYTES = 32 * Int32Array.BYTES_PER_ELEMENT;

/** Posted, not yet taken up by the helper. */
export const STATE_POSTED = 1;
/** Taken up: the helper takes pieces and says when it is done. */
export const STATE_RUNNING = 2;
/** Withdrawn by the main thread before the helper took it up. */
export const STATE_WITHDRAWN = 3;

/** The exports a helper can be asked to run, by index. */
export const KERNELS = ['filterGrad', 'conv2d'] as const;

export interface HelperData {
  /** The modules with the KERNELS, instantiated on the shared memory. */
  modules: WebAssembly.Module[];
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** One Int32 slot shared by every thread: the next piece to take. */
  counter: SharedArrayBuffer;
}
