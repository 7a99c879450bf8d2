// What the active backend offers beyond tfjs' own kernels, asked for by the models instead of
// importing a backend's files: each capability answers undefined where the backend lacks it, and
// the model then does the same work with plain tfjs ops (the same numbers, more kernel calls).
import type * as tf from '@tensorflow/tfjs';
import { GraphSteps } from './native/graph-steps/graph-steps.js';
import { nativeKeepMask } from './native/dropout.js';
import { fusedAdamUpdate, type AdamUpdateAttrs } from './wasm/adam-update.js';

export type { AdamUpdateAttrs };

/** Runs a repeating training step as one compiled graph once it has been seen to repeat. */
export interface StepGraphs {
  /** `key` must change whenever the shapes of the step's tensors do; `stepsLeft` says whether compiling pays. */
  run<T>(key: string, step: () => T, stepsLeft?: number): T;
}

export interface BackendCapabilities {
  /** Adam's [m', v', step] as one kernel (wasm: one SIMD pass over the flat parameters). */
  fusedAdam(g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamUpdateAttrs): tf.Tensor[] | undefined;
  /** A dropout keep-mask drawn by the backend (native: TensorFlow's own random op), values 1/(1-rate) or 0. */
  keptDropoutMask(shape: number[], rate: number, seed: number): tf.Tensor | undefined;
  /** Training steps as graphs, one per training loop (native, unless AELAB_GRAPH_STEPS=0). */
  stepGraphs(): StepGraphs | undefined;
}

/** The capabilities of whichever backend is active when each is asked. */
export const backendCapabilities: BackendCapabilities = {
  fusedAdam: fusedAdamUpdate,
  keptDropoutMask: nativeKeepMask,
  stepGraphs: () => GraphSteps.forActiveBackend(),
};
