// The WebAssembly backend with threads under Node.
//
// tfjs-backend-wasm ships a multi-threaded build (XNNPACK over a pthreads pool, so matmuls and
// convolutions use every core; docs/performance.md) but never uses it under Node: its
// WASM_HAS_MULTITHREAD_SUPPORT flag is false there (tfjs issue 3830), and its init() hands
// emscripten Blob URLs for the worker and the main script, which worker_threads cannot load.
// Here the threaded emscripten module is instantiated directly with file paths, and the result
// is registered as the 'wasm' backend, so every wasm kernel (tfjs's and ours) runs on it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** What the emscripten module gives back, the parts used here. */
interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: number[]) => unknown;
  PThread: { runningWorkers: { unref(): void }[]; unusedWorkers: { unref(): void; terminate(): Promise<number> }[] };
  tfjs?: unknown;
}
type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

const require = createRequire(import.meta.url);

/**
 * emscripten's pthread worker script, as a file. The package carries it as a string inside a
 * JS module; tfjs escapes its newlines the same way before making a Blob of it. Written once per
 * content hash into the temp folder, atomically (rename), so processes starting together never
 * read half a file.
 */
function workerScript(pkgDir: string): string {
  const { wasmWorkerContents } = require(
    path.join(pkgDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
  ) as { wasmWorkerContents: string };
  const text = wasmWorkerContents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'aelab-wasm');
  const file = path.join(dir, `threaded-simd-worker-${hash}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  }
  return file;
}

/**
 * Registers the threaded build as the 'wasm' backend with `threads` threads, replacing the
 * stock registration (kept and returned, to restore it if this one fails to initialise). Call
 * before the wasm backend is first initialised.
 */
export async function registerThreadedWasm(threads: number): Promise<{ restore: () => void }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const pkgDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const factory = require(path.join(pkgDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js')) as Factory;
  const wasmFile = path.join(pkgDir, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm');
  const worker = workerScript(pkgDir);
  const stock = tf.findBackendFactory('wasm');

  const threadedFactory = async (): Promise<tf.KernelBackend> => {
    const module = await new Promise<EmscriptenModule>((resolve, reject) => {
      factory({
        locateFile: (file: string) => (file.endsWith('.worker.js') ? worker : wasmFile),
        // Each worker importScripts() this file (fs read + indirect eval) to get the factory.
        mainScriptUrlOrBlob: path.join(pkgDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
        // The C++ side caps the pool at emscripten_num_logical_cores() / 2, assuming two
        // hyper-threads per core: on a 2-core machine that is one thread. Report enough cores
        // for the count asked for; the count itself is set below.
        instantiateWasm(
          info: { env: Record<string, unknown> },
          receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
        ) {
          info.env['emscripten_num_logical_cores'] = () => 2 * Math.max(threads, os.availableParallelism());
          WebAssembly.instantiate(readFileSync(wasmFile), info as WebAssembly.Imports).then(
            (r) => receive(r.instance, r.module),
            reject,
          );
          return {};
        },
        onAbort: (what: unknown) => reject(new Error(`the threaded wasm module aborted: ${String(what)}`)),
      }).then(resolve, reject);
    });
    // The same bridge tfjs's own init() builds (dist/backend_wasm.js).
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    wasm.setThreadsCount(threads);
    const backend = new wasm.BackendWasm(module as never);
    // From here on the pool's threads wait for work for the life of the process; emscripten keeps a
    // reference on their workers, which would stop Node from ever exiting. Work is only handed
    // to them synchronously from inside a kernel call, so nothing is lost by letting go.
    for (const w of module.PThread.runningWorkers) w.unref();
    // tfjs' build preloads 8 workers whatever the count; the pool is made once, above, so the
    // ones it did not take stay idle for good, each a V8 isolate holding memory.
    for (const w of module.PThread.unusedWorkers) void w.terminate();
    module.PThread.unusedWorkers = [];
    return backend;
  };

  tf.removeBackend('wasm');
  tf.registerBackend('wasm', threadedFactory, 2);
  return {
    restore: () => {
      tf.removeBackend('wasm');
      if (stock !== null) tf.registerBackend('wasm', stock, 2);
    },
  };
}
