// Picks the tfjs compute backend: the native one when it loads, else the fastest that does.
//
// @tensorflow/tfjs-node is an optional dependency whose install downloads libtensorflow; on
// machines that cannot reach Google's storage it is absent (or present without its addon) and
// importing it throws. Then wasm (XNNPACK, SIMD, on every core: wasm/threaded-backend.ts) is far
// faster than the pure-JS 'cpu' backend (docs/performance.md), once the kernels it lacks for
// training are installed (wasm/kernels.ts).
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Result } from '../types/result.js';
import { installFusedReluGrad } from './fused-relu-grad.js';
import { installNativeKernels } from './native/kernels.js';
import { explicitWasmThreads, wasmThreadsFor } from './threads.js';
import { installWasmKernels } from './wasm/kernels.js';
import { registerThreadedWasm } from './wasm/threaded-backend.js';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export type BackendSelection = Result<{ name: BackendName; note?: string; threads?: number }>;

type Attempt = Result<{ note?: string; threads?: number }>;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function tryTensorflow(): Promise<Attempt> {
  // A variable specifier keeps TypeScript from resolving a package that is usually absent.
  const specifier = '@tensorflow/tfjs-node';
  // Quiets libtensorflow's own INFO/WARNING logging (read once, at load). TensorFlow 2.21 still
  // prints two absl lines at start whatever this says (native/notes.md).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    await import(specifier);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    const why = missing
      ? '@tensorflow/tfjs-node is not installed (its install downloads libtensorflow, which ' +
        'fails on machines without access to storage.googleapis.com; it is optional)'
      : `@tensorflow/tfjs-node is installed but failed to load: ${message(e)}`;
    return { ok: false, error: why };
  }
  // Importing it registers the 'tensorflow' backend on the shared tfjs-core instance.
  if (tf.findBackendFactory('tensorflow') === null) {
    return {
      ok: false,
      error:
        '@tensorflow/tfjs-node loaded but registered no tensorflow backend; it probably uses ' +
        'another copy of @tensorflow/tfjs-core (keep every @tensorflow/* package at one version)',
    };
  }
  if (!(await tf.setBackend('tensorflow'))) return { ok: false, error: 'the tensorflow backend failed to initialise' };
  installFusedReluGrad();
  installNativeKernels();
  return { ok: true, value: {} };
}

let wasmPathsSet = false;
/** The thread count the wasm backend was registered with, once it has been. */
let wasmThreadsRegistered: number | undefined;

async function tryWasm(threads: number): Promise<Attempt> {
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    return { ok: false, error: `@tensorflow/tfjs-backend-wasm failed to load: ${message(e)}` };
  }
  const fresh = tf.findBackend('wasm') === null;
  // Point it at the .wasm files in its own dist folder explicitly, rather than trusting where
  // the bundle thinks it is; only possible before its first initialisation.
  if (!wasmPathsSet && fresh) {
    try {
      const require = createRequire(import.meta.url);
      const main = require.resolve('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(join(dirname(main), '/'));
      wasmPathsSet = true;
    } catch {
      // Keep the package's own lookup, which works in a plain npm install.
    }
  }
  // Threads are chosen once per process, when the backend is first initialised.
  let threaded: { restore: () => void } | undefined;
  let threadProblem: string | undefined;
  if (fresh && wasmThreadsRegistered === undefined && threads > 1) {
    try {
      threaded = await registerThreadedWasm(threads);
    } catch (e) {
      threadProblem = message(e);
    }
  }
  let ready = false;
  let failure: string | undefined;
  try {
    ready = await tf.setBackend('wasm');
  } catch (e) {
    failure = message(e);
  }
  if (!ready && threaded) {
    // The threaded build would not start here: the stock single-threaded one still may.
    threadProblem = failure ?? 'the threaded build failed to initialise';
    threaded.restore();
    threaded = undefined;
    failure = undefined;
    try {
      ready = await tf.setBackend('wasm');
    } catch (e) {
      failure = message(e);
    }
  }
  if (!ready)
    return { ok: false, error: `the wasm backend failed to initialise${failure === undefined ? '' : `: ${failure}`}` };
  if (fresh) wasmThreadsRegistered = threaded ? threads : 1;
  // Relu's gradient as one kernel (RELU_GRAD), which the wasm kernels make a SIMD pass.
  installFusedReluGrad();
  installWasmKernels();
  const simd = threaded !== undefined || (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD';
  const actual = wasm.getThreadsCount();
  const why = threadProblem === undefined ? '' : `; threads unavailable: ${threadProblem}`;
  return {
    ok: true,
    value: { note: `wasm (${simd}, ${actual} thread${actual === 1 ? '' : 's'})${why}`, threads: actual },
  };
}

async function tryCpu(): Promise<Attempt> {
  return (await tf.setBackend('cpu'))
    ? { ok: true, value: { note: 'pure-JS cpu backend: conv training is very slow' } }
    : { ok: false, error: 'the cpu backend failed to initialise' };
}

/** How a process shares the machine, for the backends that use several cores. */
export interface SelectOptions {
  /**
   * wasm threads; default: the AELAB_WASM_THREADS environment variable, else every core. A
   * sweep's trial processes get their share of the cores (wasmThreadsFor).
   */
  readonly wasmThreads?: number;
}

/**
 * Makes the chosen backend tfjs's current one. 'auto' takes the first of tensorflow, wasm, cpu
 * that loads and says in `note` why the faster ones were skipped. An explicit choice that does
 * not load is an error value. Safe to call again (with the same or another choice).
 */
export async function selectBackend(choice: BackendChoice, options: SelectOptions = {}): Promise<BackendSelection> {
  let threads = options.wasmThreads;
  if (threads === undefined) {
    const explicit = explicitWasmThreads();
    if (!explicit.ok) return { ok: false, error: explicit.error };
    threads = wasmThreadsFor(os.availableParallelism(), 1, explicit.value);
  }
  const wasmThreads = threads;
  const attempts: Record<BackendName, () => Promise<Attempt>> = {
    tensorflow: tryTensorflow,
    wasm: () => tryWasm(wasmThreads),
    cpu: tryCpu,
  };
  if (choice !== 'auto') {
    const r = await attempts[choice]();
    if (!r.ok) return { ok: false, error: `backend '${choice}' is unavailable: ${r.error}` };
    return {
      ok: true,
      value: {
        name: choice,
        ...(r.value.note === undefined ? {} : { note: r.value.note }),
        ...(r.value.threads === undefined ? {} : { threads: r.value.threads }),
      },
    };
  }
  const skipped: string[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    const r = await attempts[name]();
    if (r.ok) {
      const parts = [...(r.value.note === undefined ? [] : [r.value.note]), ...skipped];
      return {
        ok: true,
        value: {
          name,
          ...(parts.length === 0 ? {} : { note: parts.join('; ') }),
          ...(r.value.threads === undefined ? {} : { threads: r.value.threads }),
        },
      };
    }
    skipped.push(`${name} skipped: ${r.error}`);
  }
  return { ok: false, error: `no tfjs backend could be initialised (${skipped.join('; ')})` };
}
