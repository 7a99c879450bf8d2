/**
 * What the autoencoder analyses cost on the official split, against the stage's training time.
 * The "codes" are official MNIST digits average-pooled to 7x7 (49 values): real class structure,
 * the size of a typical code, and no autoencoder to train first. Also the mljs packages the
 * backend versions replace, on a subset (their full-split time is extrapolated, and said so).
 *
 *   npm run build && node dist/bench/analysis-speed.js [--backend wasm|tensorflow] [--threads 1] [--umap 2000]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import LogisticRegression from 'ml-logistic-regression';
import KNN from 'ml-knn';
import { Matrix } from 'ml-matrix';
import { selectBackend } from '../src/backend/select.js';
import { loadOfficialMnist } from '../src/data/mnist-official.js';
import { knnClassify, linearProbe, type CodeRows } from '../src/models/probes.js';
import { pca2d, umap2d } from '../src/analysis/embed.js';
import { rowsOf } from '../src/analysis/rows.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    threads: { type: 'string', default: '1' },
    umap: { type: 'string', default: '2000' },
  },
});

function pooled(images: Uint8Array, n: number, labels: Uint8Array): CodeRows {
  const x = new Float32Array(n * 49);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < 784; p++) {
      const r = Math.floor(p / 28);
      const c = p % 28;
      x[i * 49 + Math.floor(r / 4) * 7 + Math.floor(c / 4)]! += images[i * 784 + p]! / 255 / 16;
    }
  return { x, n, dim: 49, labels };
}

async function time<T>(what: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  console.log(`${what}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

const backend = await selectBackend(values.backend as 'wasm' | 'tensorflow', { wasmThreads: Number(values.threads) });
if (!backend.ok) throw new Error(backend.error);
console.log(
  `backend ${backend.value.name}${backend.value.name === 'wasm' ? `, ${values.threads} thread(s)` : ''}, ${os.cpus().length} cores`,
);
const data = await loadOfficialMnist({ cacheDir: path.join(process.cwd(), 'runs/.cache/data') });
if (!data.ok) throw new Error(data.error);
const { train, test } = data.value;
const tr = pooled(train.pixels, train.n, train.labels);
const te = pooled(test.pixels, test.n, test.labels);

const probe = await time('linear probe (backend), 60000 train / 10000 test codes', () => linearProbe(tr, te, 10));
console.log(`  accuracy ${probe.accuracy}`);
const knn = await time('kNN k=5 (backend), 10000 test against 60000 train', () => knnClassify(tr, te, 10, { k: 5 }));
console.log(`  accuracy ${knn.accuracy}`);
await time('PCA (ml-pca), 10000 test codes', () => pca2d(te));
const u = Number(values.umap);
await time(`UMAP (umap-js), ${u} test codes`, () => umap2d({ x: te.x.subarray(0, u * 49), n: u, dim: 49 }, 42));

// The mljs packages on 2000 training codes (ml-logistic-regression: full-batch gradient descent,
// one-vs-rest; ml-knn: a k-d tree), to compare per sample with the backend versions.
const m = 2000;
const sub = { x: tr.x.subarray(0, m * 49), n: m, dim: 49, labels: tr.labels.subarray(0, m) };
const X = new Matrix(rowsOf(sub).map((r) => [...r, 1]));
const Y = Matrix.columnVector(Array.from(sub.labels));
await time(`ml-logistic-regression, ${m} training codes, 1000 steps`, () => {
  const lr = new LogisticRegression({ numSteps: 1000, learningRate: 5e-3 });
  lr.train(X, Y);
});
const knnJs = await time(
  `ml-knn k=5, ${m} training codes, 1000 test codes`,
  () => new KNN(rowsOf(sub), Array.from(sub.labels), { k: 5 }),
);
await time('  its predictions', () => knnJs.predict(rowsOf({ x: te.x.subarray(0, 1000 * 49), n: 1000, dim: 49 })));
