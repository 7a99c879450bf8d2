/**
 * Dropout masks drawn by TensorFlow on the native ('tensorflow') backend.
 *
 * The JavaScript mask (models/dropout.ts) is drawn one value at a time; TensorFlow's
 * counter-based StatelessRandomUniform (Philox) fills it far faster (docs/performance.md) and,
 * inside a graph step (graph-steps/), is one more node of the graph.
 * Stateless means the mask depends only on the seed, so a run is as reproducible as before; it
 * is a different stream from the JavaScript one, so the native backend draws other masks than
 * wasm and cpu for the same seed (their results differ in the last digits anyway).
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeBackend, typeAttr } from './backend.js';

export const KEEP_MASK = 'AelabKeepMask';

/** Registers the kernel for the 'tensorflow' backend. Idempotent. */
export function installNativeKeepMask(): void {
  if (tf.getKernel(KEEP_MASK, 'tensorflow') !== undefined) return;
  tf.registerKernel({
    kernelName: KEEP_MASK,
    backendName: 'tensorflow',
    // inputs: shape (int32 [rank]), seed (int32 [2]), rate and scale (float32 scalars).
    kernelFunc: ({ inputs, backend }) => {
      const b = asNodeBackend(backend);
      const { shape, seed, rate, scale } = inputs as Record<string, tf.TensorInfo>;
      const type = (name: string, dtype: number) => typeAttr(b, name, dtype);
      const { TF_FLOAT, TF_INT32, TF_BOOL } = b.binding;
      const uniform = b.executeSingleOutput(
        'StatelessRandomUniform',
        [type('dtype', TF_FLOAT), type('T', TF_INT32), type('Tseed', TF_INT32)],
        [shape!, seed!],
      );
      const keep = b.executeSingleOutput('GreaterEqual', [type('T', TF_FLOAT)], [uniform, rate!]);
      const ones = b.executeSingleOutput('Cast', [type('SrcT', TF_BOOL), type('DstT', TF_FLOAT)], [keep]);
      const mask = b.executeSingleOutput('Mul', [type('T', TF_FLOAT)], [ones, scale!]);
      for (const t of [uniform, keep, ones]) b.disposeData(t.dataId, true);
      return mask;
    },
  });
}

/**
 * The mask from TensorFlow where the active backend has the kernel, else undefined: values
 * 1/(1-rate) where a uniform draw is >= rate, 0 elsewhere.
 */
export function nativeKeepMask(shape: number[], rate: number, seed: number): tf.Tensor | undefined {
  if (tf.getKernel(KEEP_MASK, tf.getBackend()) === undefined) return undefined;
  return tf.tidy(
    () =>
      tf.engine().runKernel(KEEP_MASK, {
        shape: tf.tensor1d(shape, 'int32'),
        seed: tf.tensor1d([seed | 0, 0x5eed], 'int32'),
        rate: tf.scalar(rate),
        scale: tf.scalar(1 / (1 - rate)),
      }) as tf.Tensor,
  );
}
