import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy, confusionMatrix, perClassScores, precision, recall } from '../../src/pictures/metrics.js';

test('counts true classes in rows and predicted classes in columns', () => {
  const labels = Uint8Array.from([0, 0, 0, 1, 1, 2, 2, 2, 2]);
  const preds = Uint8Array.from([0, 0, 1, 1, 2, 2, 2, 0, 2]);
  assert.deepEqual(confusionMatrix(labels, preds, 3), [
    [2, 1, 0],
    [0, 1, 1],
    [1, 0, 3],
  ]);
});

test('computes per-class precision and recall on a known example', () => {
  const m = [
    [2, 1, 0],
    [0, 1, 1],
    [1, 0, 3],
  ];
  // Class 0: predicted 3 times, right 2 -> precision 2/3; 3 samples, 2 found -> recall 2/3.
  // Class 1: predicted 2, right 1 -> 1/2; 2 samples -> 1/2. Class 2: predicted 4, right 3 -> 3/4; 4 samples -> 3/4.
  const s = perClassScores(m);
  assert.deepEqual(
    s.map((c) => c.support),
    [3, 2, 4],
  );
  assert.ok(Math.abs(precision(m, 0) - 2 / 3) < 1e-12);
  assert.ok(Math.abs(recall(m, 1) - 1 / 2) < 1e-12);
  assert.ok(Math.abs(s[2]!.precision - 3 / 4) < 1e-12);
  assert.ok(Math.abs(s[2]!.recall - 3 / 4) < 1e-12);
  assert.ok(Math.abs(s[2]!.f1 - 3 / 4) < 1e-12);
  assert.ok(Math.abs(accuracy(m) - 6 / 9) < 1e-12);
});

test('gives NaN precision for a class never predicted and NaN recall for a class with no samples', () => {
  const m = confusionMatrix(Uint8Array.from([0, 0, 1]), Uint8Array.from([0, 0, 0]), 3);
  const s = perClassScores(m);
  assert.ok(Number.isNaN(s[1]!.precision));
  assert.equal(s[1]!.recall, 0);
  assert.ok(Number.isNaN(s[2]!.recall));
  assert.ok(Number.isNaN(s[2]!.precision));
});

test('rejects predictions outside the class range and mismatched lengths', () => {
  assert.throws(() => confusionMatrix(Uint8Array.from([0]), Uint8Array.from([5]), 3), /class 5/);
  assert.throws(() => confusionMatrix(Uint8Array.from([0, 1]), Uint8Array.from([0]), 3), /2 labels but 1/);
});
