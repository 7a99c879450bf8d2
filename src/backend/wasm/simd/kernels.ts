// Hand-written WebAssembly SIMD kernels (the .wat files here) over the wasm backend's own heap,
// on as many threads as the backend has: the main thread runs one share of a call, helper
// threads (helper-thread.ts) the others, all on the same shared memory. They take tensors by
// their heap offsets, so they work on the backend's data with no copies in or out.
//
// Why not XNNPACK: tfjs-backend-wasm reaches only the operators it was built with; the one a
// conv filter gradient can be phrased as (a convolution with the output gradient as the filter)
// repacks that whole activation every call, and even its convolution proper is slower than one
// tight loop here (docs/performance.md, item 12). The element-wise
// kernels (relu's gradient, Adam, Adadelta) replace chains of tfjs ops with one pass (docs/performance.md).
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  argsOfPiece,
  CONTROL,
  CONTROL_BYTES,
  KERNELS,
  STATE_POSTED,
  STATE_WITHDRAWN,
  type HelperData,
  type PieceLayout,
} from './control.js';

/** Set to 0 to use the XNNPACK compositions instead (the bench and tests compare the two). */
export const SIMD_KERNELS_ENV = 'AELAB_SIMD_KERNELS';

/** The parts of tfjs-wasm's emscripten module used here. */
interface EmscriptenLike {
  /** The threaded build's memory (shared). */
  wasmMemory?: WebAssembly.Memory;
  /** The single-threaded build's memory. */
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  tfjs?: { getThreadsCount?: () => number };
}

type KernelName = (typeof KERNELS)[number];
type Kernel = (...args: number[]) => void;

/** The .wat files, each a module of its own. */
const MODULES = ['filter-grad', 'conv', 'transpose', 'max-pool-grad', 'relu-grad', 'adam', 'adadelta'] as const;
/** The ones with kernels that are split over threads (KERNELS): helpers instantiate these. */
const THREADED_MODULES = ['filter-grad', 'conv'] as const;
/**
 * Runs of batch entries a filter gradient is cut into, whatever the number of threads: enough
 * for two to four threads to share, few enough that the per-run buffers stay small.
 */
const FILTER_GRAD_PIECES = 8;

interface Exports {
  filterGrad: Kernel;
  conv2d: Kernel;
  transpose: Kernel;
  maxPoolGrad2x2: Kernel;
  reluGrad: Kernel;
  adam: Kernel;
  adadelta: Kernel;
}

/** A thread that takes pieces of kernel calls, driven through a shared control block. */
class Helper {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(CONTROL_BYTES));
  private readonly worker: Worker;
  private seq = 0;
  private failed = false;

  constructor(modules: WebAssembly.Module[], memory: WebAssembly.Memory, counter: SharedArrayBuffer) {
    const data: HelperData = { modules, memory, control: this.ctl.buffer as SharedArrayBuffer, counter };
    this.worker = new Worker(new URL('./helper-thread.js', import.meta.url), { workerData: data });
    // It waits for work for the life of the process; that must not keep Node from exiting.
    this.worker.unref();
    this.worker.on('error', () => {
      this.failed = true;
    });
  }

  /** Instantiated and not failed: calls posted now will run. */
  get ready(): boolean {
    return !this.failed && Atomics.load(this.ctl, CONTROL.ready) === 1;
  }

  /** Offers a call: the helper runs `kernel` with the arguments of each piece it takes (argsOfPiece). */
  post(kernel: KernelName, args: readonly number[], layout: PieceLayout): void {
    Atomics.store(this.ctl, CONTROL.kernel, KERNELS.indexOf(kernel));
    Atomics.store(this.ctl, CONTROL.argCount, args.length);
    this.ctl.set(args, CONTROL.args);
    Atomics.store(this.ctl, CONTROL.pieceArg, layout.pieceArg);
    Atomics.store(this.ctl, CONTROL.pieces, layout.pieces);
    Atomics.store(this.ctl, CONTROL.span, layout.span);
    Atomics.store(this.ctl, CONTROL.total, layout.total);
    Atomics.store(this.ctl, CONTROL.outArg, layout.outArg);
    Atomics.store(this.ctl, CONTROL.outStride, layout.outStride);
    Atomics.store(this.ctl, CONTROL.state, STATE_POSTED);
    this.seq += 1;
    Atomics.store(this.ctl, CONTROL.posted, this.seq);
    Atomics.notify(this.ctl, CONTROL.posted);
  }

  /**
   * Once no pieces are left: withdraws the call if the helper has not taken it up (false: it ran
   * nothing), else blocks until it is done (true). Throws if it trapped or stopped answering.
   */
  finish(): boolean {
    if (Atomics.compareExchange(this.ctl, CONTROL.state, STATE_POSTED, STATE_WITHDRAWN) === STATE_POSTED) return false;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const done = Atomics.load(this.ctl, CONTROL.done);
      if (done === this.seq) break;
      if (Date.now() > deadline) {
        this.failed = true;
        throw new Error('a SIMD helper thread did not finish its share of a kernel in 120 s');
      }
      Atomics.wait(this.ctl, CONTROL.done, done, 1000);
    }
    if (Atomics.load(this.ctl, CONTROL.status) !== 0) throw new Error('a SIMD kernel trapped on a helper thread');
    return true;
  }

  terminate(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}

/** Geometry of a stride-1 NHWC convolution; x is already padded (OH = H - KH + 1). */
export interface ConvShape {
  batch: number;
  H: number;
  W: number;
  CI: number;
  OH: number;
  OW: number;
  CO: number;
  KH: number;
  KW: number;
}

export class SimdKernels {
  private constructor(
    private readonly module: EmscriptenLike,
    private readonly memory: WebAssembly.Memory,
    private readonly exports: Exports,
    private readonly helpers: Helper[],
    /** The next piece of the call in progress, shared with the helpers. */
    private readonly counter: Int32Array,
  ) {}

  private static current: SimdKernels | undefined;
  /** The memory the modules last failed to load for: not tried again. */
  private static failed: WebAssembly.Memory | undefined;

  /**
   * The kernels for a wasm backend (created on first use, with threads - 1 helpers when its
   * memory is shared); null when they cannot run on it or AELAB_SIMD_KERNELS=0.
   */
  static for(backend: unknown): SimdKernels | null {
    if (process.env[SIMD_KERNELS_ENV] === '0') return null;
    const module = (backend as { wasm?: EmscriptenLike }).wasm;
    const memory = module?.wasmMemory ?? module?.asm?.memory;
    if (module === undefined || memory === undefined) return null;
    if (SimdKernels.current?.memory === memory) return SimdKernels.current;
    // A new backend instance (tests re-initialise it): the old one's helpers are idle for good.
    SimdKernels.current?.helpers.forEach((h) => h.terminate());
    SimdKernels.current = undefined;
    if (SimdKernels.failed === memory) return null;
    const shared = memory.buffer instanceof SharedArrayBuffer;
    const exports: Record<string, unknown> = {};
    const compiled = new Map<string, WebAssembly.Module>();
    try {
      for (const name of MODULES) {
        const file = new URL(`./${name}${shared ? '.shared' : ''}.wasm`, import.meta.url);
        const m = new WebAssembly.Module(readFileSync(file));
        compiled.set(name, m);
        Object.assign(exports, new WebAssembly.Instance(m, { env: { memory } }).exports);
      }
    } catch (e) {
      // A build without scripts/build-wasm.mjs (tsc alone) has no .wasm files: train anyway,
      // on the slower compositions, and say so once.
      SimdKernels.failed = memory;
      process.stderr.write(
        `aelab: the SIMD kernels did not load (${e instanceof Error ? e.message : String(e)}); training uses slower kernels\n`,
      );
      return null;
    }
    const threads = shared ? Math.max(1, module.tfjs?.getThreadsCount?.() ?? 1) : 1;
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const threaded = THREADED_MODULES.map((name) => compiled.get(name)!);
    const helpers = Array.from({ length: threads - 1 }, () => new Helper(threaded, memory, counter));
    SimdKernels.current = new SimdKernels(
      module,
      memory,
      exports as unknown as Exports,
      helpers,
      new Int32Array(counter),
    );
    return SimdKernels.current;
  }

  /** out [batch, C, R] = in [batch, R, C] with the last two axes swapped (float32). */
  transpose(input: number, out: number, batch: number, R: number, C: number): void {
    this.exports.transpose(input, out, batch, R, C);
  }

  /**
   * dx [B, H, W, C] of a 2x2 stride-2 max pool whose windows are all whole (2*OH <= H,
   * 2*OW <= W); C must be a multiple of 4.
   */
  maxPoolGrad2x2(
    x: number,
    dy: number,
    dx: number,
    B: number,
    H: number,
    W: number,
    C: number,
    OH: number,
    OW: number,
  ): void {
    if (C % 4 !== 0) throw new Error(`maxPoolGrad2x2 needs channels in fours, got ${C}`);
    this.exports.maxPoolGrad2x2(x, dy, dx, B, H, W, C, OH, OW);
  }

  /** dx = dy * step(y) over n floats: relu's gradient. */
  reluGrad(y: number, dy: number, dx: number, n: number): void {
    this.exports.reluGrad(y, dy, dx, n);
  }

  /**
   * Adam's new moments and step for n parameters (models/adam.ts): g, m, v in; newM, newV,
   * step out (heap byte offsets); b1 = 1 - beta1, b2 = 1 - beta2.
   */
  adam(
    g: number,
    m: number,
    v: number,
    newM: number,
    newV: number,
    step: number,
    n: number,
    b1: number,
    b2: number,
    epsilon: number,
    alpha: number,
  ): void {
    this.exports.adam(g, m, v, newM, newV, step, n, b1, b2, epsilon, alpha);
  }

  /**
   * Keras' Adadelta for one variable of n parameters (models/adadelta.ts): gradient g, the two
   * accumulators a and u and the weights w in; a', u', w' out (heap byte offsets).
   */
  adadelta(
    g: number,
    a: number,
    u: number,
    w: number,
    out: readonly [number, number, number],
    n: number,
    rho: number,
    oneMinusRho: number,
    epsilon: number,
    lr: number,
  ): void {
    this.exports.adadelta(g, a, u, w, ...out, n, rho, oneMinusRho, epsilon, lr);
  }

  /** Threads a call is split over right now (helpers still starting are not counted). */
  get threads(): number {
    return 1 + this.helpers.filter((h) => h.ready).length;
  }

  /**
   * Runs `kernel` once for each piece of `layout`, on this thread and on `helpers`; every thread
   * takes the next piece from a shared counter, so which thread runs which piece is chance, and
   * the result must not depend on it (control.ts).
   */
  private shared(kernel: KernelName, args: readonly number[], helpers: Helper[], layout: PieceLayout): void {
    const posted: Helper[] = [];
    try {
      Atomics.store(this.counter, 0, 0);
      for (const h of helpers) {
        h.post(kernel, args, layout);
        posted.push(h);
      }
      const mine = args.slice();
      const run = this.exports[kernel];
      for (let p = Atomics.add(this.counter, 0, 1); p < layout.pieces; p = Atomics.add(this.counter, 0, 1)) {
        argsOfPiece(mine, args, layout, p);
        run(...mine);
      }
      while (posted.length > 0) {
        posted[0]!.finish();
        posted.shift();
      }
    } finally {
      // Never return (and let the caller free buffers) while a helper may still be writing.
      for (const h of posted) h.finish();
    }
  }

  /**
   * out [KH, KW, CI, CO] = the filter gradient of x [batch, H, W, CI] and dy [batch, OH, OW, CO]
   * (heap byte offsets). The batch is cut into FILTER_GRAD_PIECES runs of entries, each summed
   * into a buffer of its own by whichever thread takes it; the buffers are then added in order,
   * so the sum is the same float for float however the threads shared the work, and with any
   * number of threads. CO must be 1 or a multiple of 4.
   */
  filterGrad(x: number, dy: number, out: number, s: ConvShape): void {
    if (s.CO !== 1 && s.CO % 4 !== 0)
      throw new Error(`filterGrad needs 1 output channel or a multiple of 4, got ${s.CO}`);
    // About 256 output positions a chunk (the time hardly moves between 24 and 2000).
    const rows = Math.max(1, Math.min(s.OH, Math.floor(256 / s.OW)));
    const size = s.KH * s.KW * s.CI * s.CO;
    if (s.batch === 0) {
      new Float32Array(this.memory.buffer, out, size).fill(0);
      return;
    }
    const span = Math.ceil(s.batch / FILTER_GRAD_PIECES);
    const pieces = Math.ceil(s.batch / span);
    const parts = this.module._malloc(pieces * size * 4);
    if (parts === 0) throw new Error('out of wasm memory for a filter gradient');
    try {
      // Views after the malloc: a growing heap detaches earlier ones.
      new Float32Array(this.memory.buffer, parts, pieces * size).fill(0);
      const args = [x, dy, parts, 0, 1, s.H, s.W, s.CI, s.OH, s.OW, s.CO, s.KH, s.KW, rows];
      const helpers = pieces > 1 ? this.helpers.filter((h) => h.ready) : [];
      this.shared('filterGrad', args, helpers, {
        pieceArg: 3,
        pieces,
        span,
        total: s.batch,
        outArg: 2,
        outStride: size * 4,
      });
      const heap = this.memory.buffer;
      const sum = new Float32Array(heap, out, size);
      sum.set(new Float32Array(heap, parts, size));
      for (let p = 1; p < pieces; p++) {
        const part = new Float32Array(heap, parts + p * size * 4, size);
        for (let j = 0; j < size; j++) sum[j] = sum[j]! + part[j]!;
      }
    } finally {
      this.module._free(parts);
    }
  }

  /**
   * out [batch, OH, OW, CO] = the stride-1 convolution of x [batch, H, W, CI] (padded already:
   * OH = H - KH + 1) with w [KH, KW, CI, CO], plus bias [CO] unless its offset is 0, then relu
   * if asked. The threads take batch entries. CO must be 1 or a multiple of 16.
   */
  conv2d(x: number, w: number, bias: number, out: number, s: ConvShape, relu: boolean): void {
    if (s.CO !== 1 && s.CO % 16 !== 0)
      throw new Error(`conv2d needs 1 output channel or a multiple of 16, got ${s.CO}`);
    const args = [x, w, bias, out, 0, 1, s.H, s.W, s.CI, s.OH, s.OW, s.CO, s.KH, s.KW, relu ? 1 : 0];
    const helpers = s.batch > 1 ? this.helpers.filter((h) => h.ready) : [];
    // One batch entry a piece: each writes its own outputs.
    this.shared('conv2d', args, helpers, {
      pieceArg: 4,
      pieces: s.batch,
      span: 1,
      total: s.batch,
      outArg: -1,
      outStride: 0,
    });
  }
}
