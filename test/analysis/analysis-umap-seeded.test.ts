import assert from 'node:assert/strict';
import { test } from 'node:test';
import { umap2d } from '../../src/analysis/embed.js';
import { mulberry32 } from '../../src/util/random.js';

/** Three well separated blobs of 40 points in 8 dimensions. */
function blobs(): { x: Float32Array; n: number; dim: number; labels: number[] } {
  const rng = mulberry32(7);
  const n = 120;
  const x = new Float32Array(n * 8);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels.push(c);
    for (let j = 0; j < 8; j++) x[i * 8 + j] = (j === c ? 10 : 0) + rng() - 0.5;
  }
  return { x, n, dim: 8, labels };
}

test('UMAP draws the same map for the same seed and another map for another seed', () => {
  const rows = blobs();
  const a = umap2d(rows, 42, { nEpochs: 100 });
  const b = umap2d(rows, 42, { nEpochs: 100 });
  assert.deepEqual(a.points, b.points);
  const c = umap2d(rows, 43, { nEpochs: 100 });
  assert.notDeepEqual(a.points, c.points);
});

test("UMAP keeps well separated blobs apart: each point's nearest mapped neighbour is from its blob", () => {
  const rows = blobs();
  const { points } = umap2d(rows, 42, { nEpochs: 200 });
  let same = 0;
  for (let i = 0; i < rows.n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < rows.n; j++) {
      if (j === i) continue;
      const d = (points[2 * i]! - points[2 * j]!) ** 2 + (points[2 * i + 1]! - points[2 * j + 1]!) ** 2;
      if (d < bestD) [best, bestD] = [j, d];
    }
    if (rows.labels[best] === rows.labels[i]) same++;
  }
  assert.equal(same, rows.n);
});
