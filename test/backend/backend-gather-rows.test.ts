import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { onBackend, seededValues } from '../support/backend-compare.js';

const cases = [
  {
    what: 'float32 images [50,7,3], rows picked with repeats',
    shape: [50, 7, 3],
    dtype: 'float32',
    indices: [3, 0, 49, 3, 17],
    axis: 0,
  },
  { what: 'int32 labels [40], a shuffled batch', shape: [40], dtype: 'int32', indices: [39, 2, 2, 10, 0, 31], axis: 0 },
  {
    what: 'float32 [6,5] with a 2-d index tensor',
    shape: [6, 5],
    dtype: 'float32',
    indices: [
      [1, 5],
      [0, 0],
    ],
    axis: 0,
  },
  { what: 'float32 [6,5] along axis 1 (the stock kernel)', shape: [6, 5], dtype: 'float32', indices: [4, 0], axis: 1 },
] as const;

for (const c of cases) {
  test(`gathering on wasm equals cpu for ${c.what}`, async () => {
    const size = c.shape.reduce((a: number, b: number) => a * b, 1);
    const values =
      c.dtype === 'int32' ? Int32Array.from(seededValues(size, 7), (v) => Math.round(v * 100)) : seededValues(size, 7);
    const shapes: number[][] = [];
    const compute = () => {
      const y = tf.gather(
        tf.tensor(values, [...c.shape], c.dtype),
        tf.tensor(c.indices as unknown as number[], undefined, 'int32'),
        c.axis,
      );
      shapes.push(y.shape);
      return y;
    };
    const [cpu] = await onBackend('cpu', compute);
    const [wasm] = await onBackend('wasm', compute);
    assert.deepEqual(shapes[1], shapes[0]);
    assert.deepEqual(Array.from(wasm!), Array.from(cpu!));
  });
}
