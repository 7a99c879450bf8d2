import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/select.js';

/** Whether the native backend loads here: after `npm run setup:native` it does; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);

test(
  "'auto' picks wasm when tfjs-node is not installed and says why",
  { skip: nativeLoads && 'tfjs-node loads on this machine' },
  async () => {
    const r = await selectBackend('auto');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.match(r.value.note ?? '', /SIMD/);
    assert.match(
      r.value.note ?? '',
      /tensorflow skipped: @tensorflow\/tfjs-node (is not installed|is installed but failed to load)/,
    );
    // The training kernel the stock wasm backend lacks is in place.
    assert.notEqual(tf.getKernel('Conv2DBackpropFilter', 'wasm'), undefined);
  },
);

test(
  "an explicit 'tensorflow' choice that cannot load is an error value",
  { skip: nativeLoads && 'tfjs-node loads on this machine' },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.equal(r.ok, false);
    assert.match(
      r.ok ? '' : r.error,
      /@tensorflow\/tfjs-node (is not installed \(its install downloads libtensorflow|is installed but failed to load)/,
    );
  },
);

test('selecting again, and switching between cpu and wasm, works', async () => {
  const cpu = await selectBackend('cpu');
  assert.ok(cpu.ok && cpu.value.name === 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  const first = await selectBackend('wasm');
  const second = await selectBackend('wasm');
  assert.ok(first.ok && second.ok);
  assert.equal(tf.getBackend(), 'wasm');
  const y = tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'same');
  assert.deepEqual(Array.from(y.dataSync()), [4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4]);
});

test(
  "'auto' picks the native tensorflow backend whenever tfjs-node loads",
  { skip: !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)' },
  async () => {
    const r = await selectBackend('auto');
    assert.ok(r.ok && r.value.name === 'tensorflow', r.ok ? r.value.name : r.error);
    assert.equal(tf.getBackend(), 'tensorflow');
  },
);
