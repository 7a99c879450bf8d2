import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpolationPair, lineBetween } from '../../src/analysis/interpolation.js';
import { errorsByClass, imageErrors } from '../../src/analysis/reconstruction.js';

test('reconstruction error per image is the mean squared error per pixel, bytes read as b/255', () => {
  const originals = { x: Uint8Array.from([255, 0, 0, 0, 255, 255]), n: 2, dim: 3 };
  const recon = { x: Float32Array.from([0.5, 0, 0, 0, 1, 0]), n: 2, dim: 3 };
  const e = imageErrors(originals, recon);
  assert.ok(Math.abs(e[0]! - 0.25 / 3) < 1e-7 && Math.abs(e[1]! - 1 / 3) < 1e-7);
});

test('errors by class give each class its mean, standard error and worst images, worst first', () => {
  const errors = [0.1, 0.5, 0.3, 0.2, 0.9, 0.4];
  const labels = Uint8Array.from([0, 1, 0, 0, 1, 2]);
  const r = errorsByClass(errors, labels, 3, 2);
  assert.deepEqual(r[0]!.worst, [2, 3]);
  assert.ok(Math.abs(r[0]!.mean - 0.2) < 1e-12);
  assert.ok(Math.abs(r[0]!.se - 0.1 / Math.sqrt(3)) < 1e-12); // sd 0.1 over 3 images
  assert.deepEqual(r[1]!.worst, [4, 1]);
  assert.equal(r[2]!.n, 1);
  assert.ok(Number.isNaN(r[2]!.se));
});

test('the interpolation joins two digits of different classes, ends included, the same pair for a seed', () => {
  const labels = Uint8Array.from([3, 3, 3, 7, 3]);
  const [a, b] = interpolationPair(labels, 42);
  assert.notEqual(labels[a], labels[b]);
  assert.deepEqual(interpolationPair(labels, 42), [a, b]);
  const line = lineBetween(Float32Array.from([0, 10]), Float32Array.from([4, 2]), 5);
  assert.deepEqual([...line], [0, 10, 1, 8, 2, 6, 3, 4, 4, 2]);
});
