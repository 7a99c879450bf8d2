import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pca2d, pcaPlaneGrid } from '../../src/analysis/embed.js';

test('PCA of points on a tilted line through (1,1,1) puts them on the first axis at their distances', () => {
  // Points c + t * u with u = (1,2,2)/3 and t = -2,-1,0,1,2: all variance along u, none elsewhere.
  const ts = [-2, -1, 0, 1, 2];
  const x = Float32Array.from(ts.flatMap((t) => [1 + t / 3, 1 + (2 * t) / 3, 1 + (2 * t) / 3]));
  const { points, explained } = pca2d({ x, n: 5, dim: 3 });
  const sign = Math.sign(points[0]!) === Math.sign(ts[0]!) ? 1 : -1; // an eigenvector's sign is arbitrary
  ts.forEach((t, i) => {
    assert.ok(Math.abs(points[2 * i]! - sign * t) < 1e-5, `first coordinate of point ${i}: ${points[2 * i]}`);
    assert.ok(Math.abs(points[2 * i + 1]!) < 1e-5, `second coordinate of point ${i}: ${points[2 * i + 1]}`);
  });
  assert.ok(Math.abs(explained[0] - 1) < 1e-9 && Math.abs(explained[1]) < 1e-9, `explained ${explained.join(', ')}`);
});

test('PCA of a known 2-D matrix gives the axes of its covariance and their shares of variance', () => {
  // Centred rows (±3, 0) and (0, ±1): covariance diag(4.5, 0.5), so shares 0.9 and 0.1.
  const x = Float32Array.from([3, 0, -3, 0, 0, 1, 0, -1]);
  const { points, explained } = pca2d({ x, n: 4, dim: 2 });
  assert.deepEqual(
    Array.from(points, (v) => Math.round(Math.abs(v) * 1e6) / 1e6),
    [3, 0, 3, 0, 0, 1, 0, 1],
  );
  assert.ok(Math.abs(explained[0] - 0.9) < 1e-9 && Math.abs(explained[1] - 0.1) < 1e-9);
});

test('the PCA plane grid spans the mean plus and minus two standard deviations along the first two axes', () => {
  // Rows (±3, 0) and (0, ±1) around (10, 20): sd along the axes sqrt(18 / 3) and sqrt(2 / 3) (n - 1 denominator).
  const x = Float32Array.from([13, 20, 7, 20, 10, 21, 10, 19]);
  const { codes, steps } = pcaPlaneGrid({ x, n: 4, dim: 2 }, 3, 2);
  assert.deepEqual(steps, [-2, 0, 2]);
  // The centre cell (row 1, column 1) is the mean; the top-right cell is mean + 2 sd on both axes.
  assert.ok(Math.abs(codes[8]! - 10) < 1e-5 && Math.abs(codes[9]! - 20) < 1e-5);
  const dx = Math.abs(codes[4]! - 10);
  const dy = Math.abs(codes[5]! - 20);
  assert.ok(Math.abs(dx - 2 * Math.sqrt(6)) < 1e-4 && Math.abs(dy - 2 * Math.sqrt(2 / 3)) < 1e-4, `${dx}, ${dy}`);
});
