// Which backend `--backend auto` would pick, found without starting one: the parent process
// needs the name for fingerprints and its first line, while only a trial that trains starts the
// backend (select.ts). No TensorFlow.js here.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import type { BackendChoice, BackendName } from './select.js';
import type { Result } from '../types/result.js';
import { explicitWasmThreads, wasmThreadsFor } from './threads.js';

export type BackendLookup = Result<{ name: BackendName; note: string; threads?: number }>;

const require = createRequire(import.meta.url);

/** The package's folder, or undefined when it is not installed. */
function packageDir(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** Why tfjs-node cannot be used here, or undefined when its addon and libtensorflow are in place. */
export function tensorflowMissing(): string | undefined {
  const dir = packageDir('@tensorflow/tfjs-node');
  if (dir === undefined)
    return (
      '@tensorflow/tfjs-node is not installed (its install downloads libtensorflow, which ' +
      'fails on machines without access to storage.googleapis.com; it is optional)'
    );
  // Its binding is built into lib/napi-v<N>/ and links deps/lib/libtensorflow: without them, importing it throws.
  const lib = join(dir, 'lib');
  const binding = existsSync(lib)
    ? readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')))
    : false;
  if (!binding) return '@tensorflow/tfjs-node is installed without its native addon (lib/napi-v*/tfjs_binding.node)';
  return undefined;
}

/** The smallest module with a v128 instruction: what tfjs-backend-wasm tries to decide on SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
]);

function wasmNote(threads: number): string {
  const simd = WebAssembly.validate(SIMD_PROBE) ? 'SIMD' : 'no SIMD';
  return `wasm (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`;
}

/**
 * The backend a choice comes to and the line that says so, as select.ts would start it. `auto`
 * is tensorflow where tfjs-node's addon is installed, else wasm, else cpu. The backend itself may
 * still fail to start in the trial that trains: that trial fails saying why.
 */
export function backendName(choice: BackendChoice, wasmThreads?: number): BackendLookup {
  let threads = wasmThreads;
  if (threads === undefined) {
    const explicit = explicitWasmThreads();
    if (!explicit.ok) return { ok: false, error: explicit.error };
    threads = wasmThreadsFor(os.availableParallelism(), 1, explicit.value);
  }
  const wasmReady = packageDir('@tensorflow/tfjs-backend-wasm') !== undefined;
  switch (choice) {
    case 'tensorflow': {
      const missing = tensorflowMissing();
      return missing
        ? { ok: false, error: `backend 'tensorflow' is unavailable: ${missing}` }
        : { ok: true, value: { name: 'tensorflow', note: 'tensorflow' } };
    }
    case 'wasm':
      return wasmReady
        ? { ok: true, value: { name: 'wasm', note: wasmNote(threads), threads } }
        : { ok: false, error: "backend 'wasm' is unavailable: @tensorflow/tfjs-backend-wasm is not installed" };
    case 'cpu':
      return { ok: true, value: { name: 'cpu', note: 'pure-JS cpu backend: conv training is very slow' } };
    case 'auto': {
      const missing = tensorflowMissing();
      if (missing === undefined) return { ok: true, value: { name: 'tensorflow', note: 'tensorflow' } };
      if (wasmReady)
        return {
          ok: true,
          value: { name: 'wasm', note: `${wasmNote(threads)}; tensorflow skipped: ${missing}`, threads },
        };
      return {
        ok: true,
        value: {
          name: 'cpu',
          note: `pure-JS cpu backend: conv training is very slow; tensorflow skipped: ${missing}; wasm skipped: @tensorflow/tfjs-backend-wasm is not installed`,
        },
      };
    }
  }
}
