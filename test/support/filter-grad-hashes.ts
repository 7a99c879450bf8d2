/**
 * Run as a script: `node filter-grad-hashes.js THREADS REPEATS` prints, once per repeat, the
 * sha256 of the wasm weight gradients of mnist_cnn's two convolutions for a seeded batch,
 * computed on THREADS threads. A process of its own, since a process's wasm thread count is fixed
 * by its first selection (test/backend-wasm-filter-grad-same-on-any-threads.test.ts). Without
 * those arguments it does nothing: `node --test dist/test/` runs every file under test/ as a test.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/select.js';
import { SimdKernels } from '../../src/backend/wasm/simd/kernels.js';
import { seededValues } from './backend-compare.js';

async function printHashes(threads: number, repeats: number): Promise<void> {
  const selected = await selectBackend('wasm', { wasmThreads: threads });
  if (!selected.ok) throw new Error(selected.error);
  const simd = SimdKernels.for(tf.backend());
  if (!simd) throw new Error('no SIMD kernels on this wasm backend');
  // The helper threads start in the background; until they are up, calls run on this thread alone.
  for (let waited = 0; simd.threads < threads && waited < 30_000; waited += 50)
    await new Promise((ok) => setTimeout(ok, 50));
  if (simd.threads !== threads) throw new Error(`${simd.threads} threads running, ${threads} asked for`);

  const x1 = tf.tensor4d(seededValues(64 * 28 * 28, 1), [64, 28, 28, 1]);
  const x2 = tf.tensor4d(seededValues(64 * 26 * 26 * 32, 2), [64, 26, 26, 32]);
  const f1 = tf.tensor4d(seededValues(3 * 3 * 32, 3), [3, 3, 1, 32]);
  const f2 = tf.tensor4d(seededValues(3 * 3 * 32 * 64, 4), [3, 3, 32, 64]);
  const weightGradient = (x: tf.Tensor4D, f: tf.Tensor4D) =>
    tf.grad((ff: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, ff as tf.Tensor4D, 1, 'valid'))))(f);
  for (let i = 0; i < repeats; i++) {
    const hash = createHash('sha256');
    for (const g of [weightGradient(x1, f1), weightGradient(x2, f2)]) {
      hash.update(Buffer.from((await g.data()).buffer));
      g.dispose();
    }
    console.log(hash.digest('hex'));
  }
}

const [threads, repeats] = process.argv.slice(2).map(Number);
if (threads !== undefined && repeats !== undefined) await printHashes(threads, repeats);
