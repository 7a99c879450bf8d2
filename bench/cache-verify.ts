/**
 * What verifying a stage cache entry costs: a stage whose output is the reconstructions of full
 * MNIST (60,000 + 10,000 images of 28x28 as float32, 219 MB) is stored, then loaded (every file's
 * size and sha256 checked) and its outputs read, with the OS file cache warm; against that, the
 * plain read of the same files.
 *
 *   npm run build && node dist/bench/cache-verify.js [images=70000]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StageCache } from '../src/cache/stage-cache.js';
import type { ImageSet, StageResult } from '../src/types/stage-values.js';

const total = Number(process.argv[2] ?? 70_000);
const set = (n: number): ImageSet => ({
  images: new Float32Array(n * 784).fill(0.5),
  labels: new Uint8Array(n),
  n,
  height: 28,
  width: 28,
  channels: 1,
  classes: 10,
});
const train = Math.round((total * 6) / 7);
const result: StageResult = {
  outputs: {
    reconstructions: {
      kind: 'images',
      split: { train: set(train), test: set(total - train), identity: 'bench' },
      flat: false,
    },
  },
  metrics: {},
};

const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-cache-bench-'));
try {
  const stageDir = path.join(dir, 'stage');
  await mkdir(path.join(stageDir, 'model'), { recursive: true });
  await writeFile(path.join(stageDir, 'model', 'weights.bin'), new Uint8Array(200_000));
  const cache = new StageCache(path.join(dir, 'cache'));
  let t = performance.now();
  await cache.store('f'.repeat(16), 'ae', result, { epochs: [], artifacts: [] }, 1, stageDir);
  const store = performance.now() - t;
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const hit = await cache.load('f'.repeat(16), path.join(dir, `out${i}`));
    const verified = performance.now() - t;
    await hit!.outputs();
    ms.push(verified, performance.now() - t);
  }
  const entry = path.join(dir, 'cache', 'f'.repeat(16));
  t = performance.now();
  for (const f of ['reconstructions.train.f32', 'reconstructions.test.f32']) await readFile(path.join(entry, f));
  const plainRead = performance.now() - t;
  const mb = (total * 784 * 4) / 1e6;
  console.log(`${total} images (${mb.toFixed(0)} MB): store ${store.toFixed(0)} ms (with hashing)`);
  console.log(
    `load, verification only: ${[ms[0], ms[2], ms[4]].map((m) => m!.toFixed(0)).join(' / ')} ms; with reading the outputs: ${[ms[1], ms[3], ms[5]].map((m) => m!.toFixed(0)).join(' / ')} ms`,
  );
  console.log(`reading the two output files alone: ${plainRead.toFixed(0)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
