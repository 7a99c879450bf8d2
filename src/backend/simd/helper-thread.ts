// A helper thread for the hand-written SIMD kernels (kernels.ts): it instantiates the same
// module over the same shared memory as the main thread, then runs its share of each call
// posted through the control block. Blocking Atomics.wait, not messages: a kernel call is
// synchronous on the main thread, whose event loop does not turn while it waits for us.
import { workerData } from 'node:worker_threads';
import { CONTROL, KERNELS, type HelperData } from './control.js';

const { module, memory, control } = workerData as HelperData;
const ctl = new Int32Array(control);
const instance = new WebAssembly.Instance(module, { env: { memory } });
const kernels = instance.exports as Record<string, (...args: number[]) => void>;
Atomics.store(ctl, CONTROL.ready, 1);

let seen = 0;
for (;;) {
  Atomics.wait(ctl, CONTROL.posted, seen);
  seen = Atomics.load(ctl, CONTROL.posted);
  let status = 0;
  try {
    const name = KERNELS[Atomics.load(ctl, CONTROL.kernel)] ?? 'unknown';
    const count = Atomics.load(ctl, CONTROL.argCount);
    const args = Array.from(ctl.subarray(CONTROL.args, CONTROL.args + count));
    const kernel = kernels[name];
    if (kernel === undefined) throw new Error(`no kernel '${name}'`);
    kernel(...args);
  } catch {
    status = 1;
  }
  Atomics.store(ctl, CONTROL.status, status);
  Atomics.store(ctl, CONTROL.done, seen);
  Atomics.notify(ctl, CONTROL.done);
}
