// A helper thread for the hand-written SIMD kernels (kernels.ts): it instantiates the same
// module over the same shared memory as the main thread, then takes pieces of each call posted
// through its control block (control.ts has the protocol). Blocking Atomics.wait, not messages:
// a kernel call is synchronous on the main thread, whose event loop does not turn meanwhile.
import { workerData } from 'node:worker_threads';
import {
  argsOfPiece,
  CONTROL,
  KERNELS,
  STATE_POSTED,
  STATE_RUNNING,
  type HelperData,
  type PieceLayout,
} from './control.js';

const { modules, memory, control, counter } = workerData as HelperData;
const ctl = new Int32Array(control);
const next = new Int32Array(counter);
const kernels: Record<string, (...args: number[]) => void> = {};
for (const m of modules) Object.assign(kernels, new WebAssembly.Instance(m, { env: { memory } }).exports);
Atomics.store(ctl, CONTROL.ready, 1);

let seen = 0;
for (;;) {
  Atomics.wait(ctl, CONTROL.posted, seen);
  seen = Atomics.load(ctl, CONTROL.posted);
  let status = 0;
  if (Atomics.compareExchange(ctl, CONTROL.state, STATE_POSTED, STATE_RUNNING) === STATE_POSTED) {
    try {
      const kernel = kernels[KERNELS[Atomics.load(ctl, CONTROL.kernel)] ?? ''];
      if (kernel === undefined) throw new Error('no such kernel');
      const base = Array.from(ctl.subarray(CONTROL.args, CONTROL.args + Atomics.load(ctl, CONTROL.argCount)));
      const layout: PieceLayout = {
        pieceArg: Atomics.load(ctl, CONTROL.pieceArg),
        pieces: Atomics.load(ctl, CONTROL.pieces),
        span: Atomics.load(ctl, CONTROL.span),
        total: Atomics.load(ctl, CONTROL.total),
        outArg: Atomics.load(ctl, CONTROL.outArg),
        outStride: Atomics.load(ctl, CONTROL.outStride),
      };
      const args = base.slice();
      for (let piece = Atomics.add(next, 0, 1); piece < layout.pieces; piece = Atomics.add(next, 0, 1)) {
        argsOfPiece(args, base, layout, piece);
        kernel(...args);
      }
    } catch {
      status = 1;
    }
  }
  Atomics.store(ctl, CONTROL.status, status);
  Atomics.store(ctl, CONTROL.done, seen);
  Atomics.notify(ctl, CONTROL.done);
}
