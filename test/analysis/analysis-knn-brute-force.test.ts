import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { knnClassify, vote, type CodeRows } from '../../src/models/probes.js';
import { mulberry32 } from '../../src/util/random.js';
import { useCpu } from '../support/models-fixtures.js';

before(useCpu);

/** Codes of small whole numbers: their distances are exact in float32, and many of them tie. */
function grid(n: number, dim: number, seed: number): CodeRows {
  const rng = mulberry32(seed);
  return {
    x: Float32Array.from({ length: n * dim }, () => Math.floor(rng() * 4)),
    n,
    dim,
    labels: Uint8Array.from({ length: n }, () => Math.floor(rng() * 10)),
  };
}

/** Every distance in float64, nearest first, a tie to the lower training index. */
function bruteForce(train: CodeRows, test: CodeRows, k: number): Uint8Array {
  const out = new Uint8Array(test.n);
  for (let i = 0; i < test.n; i++) {
    const d = Array.from({ length: train.n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < train.dim; c++) s += (test.x[i * test.dim + c]! - train.x[j * train.dim + c]!) ** 2;
      return { j, s };
    });
    d.sort((a, b) => a.s - b.s || a.j - b.j);
    out[i] = vote(
      d.slice(0, k).map((e) => e.j),
      train.labels,
      10,
    );
  }
  return out;
}

test('kNN on the backend finds the same neighbours as every distance in float64, ties going to the lower index', async () => {
  // 1,037 training codes: ten full groups of 100 and one partly filled, so the padding is read too.
  const train = grid(1037, 3, 1);
  const test_ = grid(300, 3, 2);
  for (const k of [1, 5]) {
    const r = await knnClassify(train, test_, 10, { k });
    assert.deepEqual([...r.predicted], [...bruteForce(train, test_, k)], `k = ${k}`);
  }
});
