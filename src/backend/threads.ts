// How many threads the wasm backend gets: a user's explicit setting, or the cores divided among
// the training processes that share them. No TensorFlow.js here: the CLI decides this before
// (or without) loading it.

import type { Result } from '../types/result.js';

/** Environment variable that sets the number of wasm threads (1 = the stock single-threaded build). */
export const THREADS_ENV = 'AELAB_WASM_THREADS';

/** XNNPACK's pool in tfjs-backend-wasm is capped at 8 threads (pre-created web workers). */
export const MAX_WASM_THREADS = 8;

export type ThreadSetting = Result<number | undefined>;

/** The user's explicit thread count from the environment, if any; an error value if malformed. */
export function explicitWasmThreads(env: NodeJS.ProcessEnv = process.env): ThreadSetting {
  const raw = env[THREADS_ENV];
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
    return { ok: false, error: `${THREADS_ENV} must be a whole number from 1 to ${MAX_WASM_THREADS}, got '${raw}'` };
  }
  return { ok: true, value: n };
}

/**
 * Threads for each of `processes` training processes sharing `cores`: an explicit setting wins;
 * otherwise the cores are divided, so that parallel trials do not oversubscribe the machine.
 */
export function wasmThreadsFor(cores: number, processes: number, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  return Math.min(MAX_WASM_THREADS, Math.max(1, Math.floor(cores / Math.max(1, processes))));
}

/**
 * Threads of each trial process of a sweep running `parallel` trials at once. Trials, not
 * threads, fill the cores: on a 16-vCPU machine a 16-trial convolutional-AE sweep (2,000 digits,
 * 2 epochs, wasm) took 75.5 s one trial at a time on one thread, 19.7 s four at a time with four
 * threads each (each trial trained no faster than on one thread) and 10.8 s sixteen at a time on
 * one thread each (issue 17; docs/performance.md). So parallel trials get one thread each; a
 * sweep run one trial at a time gives it the machine, as a single run gets. An explicit setting wins.
 */
export function sweepTrialThreads(cores: number, parallel: number, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  return parallel > 1 ? 1 : wasmThreadsFor(cores, 1);
}
