import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/select.js';
import { SimdKernels } from '../../src/backend/wasm/simd/kernels.js';
import { relativeError, seededValues } from '../support/backend-compare.js';

// One process, one wasm build: node --test runs this file in a process of its own, and the first
// selection below fixes the threaded build with 2 threads for all of it.

/** Runs `compute` on `backend` and copies its outputs out before switching away. */
async function on(backend: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  const r = await selectBackend(backend, { wasmThreads: 2 });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return tf.tidy(() => compute().map((t) => Float32Array.from(t.dataSync())));
}

test('the wasm backend runs on 2 threads when asked, whatever the core count, and says so', async () => {
  const r = await selectBackend('wasm', { wasmThreads: 2 });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.value.threads, 2);
  assert.equal(r.value.note, 'wasm (SIMD, 2 threads)');
});

test('matMul, conv2d and both conv2d gradients on the threaded wasm backend equal the cpu backend', async () => {
  const compute = () => {
    const a = tf.tensor2d(seededValues(96 * 200, 1), [96, 200]);
    const b = tf.tensor2d(seededValues(200 * 64, 2), [200, 64]);
    const x = tf.tensor4d(seededValues(8 * 14 * 14 * 4, 3), [8, 14, 14, 4]);
    const f = tf.tensor4d(seededValues(3 * 3 * 4 * 8, 4), [3, 3, 4, 8]);
    const loss = (xx: tf.Tensor, ff: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, 1, 'same')));
    const [dx, df] = tf.grads(loss)([x, f]);
    return [tf.matMul(a, b), tf.conv2d(x, f, 2, 'same'), dx!, df!];
  };
  const wasm = await on('wasm', compute);
  const cpu = await on('cpu', compute);
  wasm.forEach((w, i) =>
    assert.ok(relativeError(w, cpu[i]!) < 1e-4, `output ${i}: relative error ${relativeError(w, cpu[i]!)}`),
  );
});

test('the SIMD conv and conv weight gradient split over the helper thread equal the cpu backend', async () => {
  const r = await selectBackend('wasm', { wasmThreads: 2 });
  assert.ok(r.ok, r.ok ? '' : r.error);
  const simd = SimdKernels.for(tf.backend());
  assert.ok(simd !== null);
  // The helper starts in the background; until it is up, calls run on this thread alone.
  for (let waited = 0; simd.threads < 2 && waited < 20_000; waited += 50) await new Promise((ok) => setTimeout(ok, 50));
  assert.equal(simd.threads, 2, 'the helper thread did not start in 20 s');
  const compute = () => {
    const x = tf.tensor4d(seededValues(7 * 12 * 12 * 6, 5), [7, 12, 12, 6]);
    const f = tf.tensor4d(seededValues(3 * 3 * 6 * 24, 6), [3, 3, 6, 24]);
    const loss = (ff: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, ff as tf.Tensor4D, 1, 'valid')));
    const f32 = tf.tensor4d(seededValues(3 * 3 * 6 * 32, 7), [3, 3, 6, 32]);
    return [tf.grad(loss)(f), tf.conv2d(x, f32, 1, 'same')];
  };
  const wasm = await on('wasm', compute);
  const cpu = await on('cpu', compute);
  wasm.forEach((w, i) =>
    assert.ok(relativeError(w, cpu[i]!) < 1e-5, `output ${i}: relative error ${relativeError(w, cpu[i]!)}`),
  );
});

test('a process that trained on the threaded wasm backend exits by itself', () => {
  // The pool's worker threads live as long as the process; they must not keep it alive.
  const script = `
    const { selectBackend } = await import(${JSON.stringify(new URL('../../src/backend/select.js', import.meta.url).href)});
    const tf = await import('@tensorflow/tfjs');
    const r = await selectBackend('wasm', { wasmThreads: 2 });
    const y = tf.conv2d(tf.ones([4, 16, 16, 2]), tf.ones([3, 3, 2, 4]), 1, 'same');
    // A weight gradient starts the SIMD kernels' helper thread, which must not keep us alive.
    const g = tf.grad((f) => tf.sum(tf.conv2d(tf.ones([4, 16, 16, 2]), f, 1, 'same')))(tf.ones([3, 3, 2, 4]));
    await new Promise((ok) => setTimeout(ok, 500));
    console.log(r.ok && r.value.threads, y.dataSync()[0], g.shape.join('x'));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('.', import.meta.url),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(child.signal, null, 'killed after 60 s: the process did not exit');
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^2 8 3x3x2x4$/m);
});
