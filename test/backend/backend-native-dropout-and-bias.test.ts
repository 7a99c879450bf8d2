import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/select.js';
import { dropout } from '../../src/models/dropout.js';

/** After `npm run setup:native` tfjs-node loads; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);
const skip = !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)';

test(
  'on the native backend TensorFlow draws dropout masks: reproducible by seed, the right share kept and scaled',
  { skip },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const x = tf.ones([64, 10, 10, 8]);
    const a = Array.from(dropout(x, 0.25, 42).dataSync());
    const again = Array.from(dropout(x, 0.25, 42).dataSync());
    const other = Array.from(dropout(x, 0.25, 43).dataSync());
    assert.deepEqual(again, a, 'same seed, same mask');
    assert.notDeepEqual(other, a, 'another seed, another mask');
    const scale = Math.fround(1 / 0.75);
    assert.ok(
      a.every((v) => v === 0 || v === scale),
      'values are 0 or 1/(1-rate)',
    );
    const kept = a.filter((v) => v !== 0).length / a.length;
    assert.ok(Math.abs(kept - 0.75) < 0.02, `kept ${kept}`);
    const g = tf.grad((v: tf.Tensor) => tf.sum(dropout(v, 0.25, 42)))(x);
    assert.deepEqual(Array.from(g.dataSync()), a, 'the gradient is the mask');
  },
);

test(
  'on the native backend a bias add (as TensorFlow BiasAdd) and any other add equal the cpu backend',
  { skip },
  async () => {
    const cases: [number[], number[]][] = [
      [[2, 3, 4], [4]],
      [[5, 4], [4]],
      [
        [2, 3, 4],
        [3, 4],
      ],
      [[4], [4]],
      [[2, 3], []],
      [[3, 1], [3]],
    ];
    const run = async (backend: 'tensorflow' | 'cpu') => {
      const r = await selectBackend(backend);
      assert.ok(r.ok, r.ok ? '' : r.error);
      return cases.map(([sa, sb]) =>
        tf.tidy(() => {
          const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
          const a = tf.tensor(
            Array.from({ length: size(sa) }, (_, i) => i * 0.5 - 3),
            sa,
          );
          const b = tf.tensor(
            Array.from({ length: size(sb) }, (_, i) => 10 * i + 1),
            sb,
          );
          const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.add(p, q), tf.add(p, q))))([a, b]);
          return [Array.from(tf.add(a, b).dataSync()), Array.from(ga!.dataSync()), Array.from(gb!.dataSync())];
        }),
      );
    };
    const native = await run('tensorflow');
    const reference = await run('cpu');
    assert.deepEqual(native, reference);
  },
);

test(
  'on the native backend a sum over all axes but the last (as BiasAddGrad) and any other sum equal the cpu backend',
  { skip },
  async () => {
    const cases: [number[], number | number[], boolean][] = [
      [[4, 3, 5, 6], [0, 1, 2], false],
      [[4, 3, 5, 6], [2, 0, 1], false],
      [[7, 5], 0, false],
      [[7, 5], [0], true],
      [[4, 3, 5], [0, 1], true],
      [[4, 3, 5], [1, 2], false],
      [[4, 3, 5], [0, 1, 2], false],
      [[6], 0, false],
    ];
    const run = async (backend: 'tensorflow' | 'cpu') => {
      const r = await selectBackend(backend);
      assert.ok(r.ok, r.ok ? '' : r.error);
      return cases.map(([shape, axis, keepDims]) =>
        tf.tidy(() => {
          const n = shape.reduce((p, d) => p * d, 1);
          const x = tf.tensor(
            Array.from({ length: n }, (_, i) => ((i * 13) % 17) * 0.25 - 2),
            shape,
          );
          const s = tf.sum(x, axis, keepDims);
          return { shape: s.shape, values: Array.from(s.dataSync()) };
        }),
      );
    };
    const native = await run('tensorflow');
    const reference = await run('cpu');
    native.forEach((got, i) => {
      assert.deepEqual(got.shape, reference[i]!.shape, JSON.stringify(cases[i]));
      got.values.forEach((v, j) =>
        assert.ok(Math.abs(v - reference[i]!.values[j]!) < 1e-4, `${JSON.stringify(cases[i])}[${j}]: ${v}`),
      );
    });
  },
);
