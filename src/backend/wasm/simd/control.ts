// The control blocks the main thread and the helper threads share (kernels.ts,
// helper-thread.ts): Int32 slots in SharedArrayBuffers of their own, outside the wasm heap.
//
// A call is split into pieces (a run of batch entries each) that every thread takes from one
// shared counter until none are left, so a helper that wakes late (the machine busy, XNNPACK's
// own threads still spinning) just takes fewer; if it has not started by the time the main
// thread has taken the last piece, the main thread withdraws the call and does not wait for it.
// Which thread runs a piece is left to chance, so nothing a piece computes may depend on it: a
// piece writes outputs of its own (argsOfPiece), and sums over pieces are taken in piece order.

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
  /** The call's PieceLayout, one slot each. */
  pieceArg: 7,
  pieces: 8,
  span: 9,
  total: 10,
  outArg: 11,
  outStride: 12,
  /** First argument; the arguments are i32s (pointers are byte offsets). */
  args: 16,
} as const;

export const CONTROL_BYTES = 48 * Int32Array.BYTES_PER_ELEMENT;

/**
 * How a call is cut into pieces. Piece p covers batch entries [p*span, min((p+1)*span, total)):
 * args[pieceArg] and args[pieceArg + 1] get those bounds. When outArg >= 0, args[outArg] (a byte
 * offset) moves on by outStride bytes a piece, so that each piece sums into a buffer of its own.
 */
export interface PieceLayout {
  readonly pieceArg: number;
  readonly pieces: number;
  readonly span: number;
  readonly total: number;
  readonly outArg: number;
  readonly outStride: number;
}

/** Writes into `args` the arguments of piece p of a call whose own arguments are `base`. */
export function argsOfPiece(args: number[], base: readonly number[], layout: PieceLayout, p: number): void {
  args[layout.pieceArg] = p * layout.span;
  args[layout.pieceArg + 1] = Math.min((p + 1) * layout.span, layout.total);
  if (layout.outArg >= 0) args[layout.outArg] = base[layout.outArg]! + p * layout.outStride;
}

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
