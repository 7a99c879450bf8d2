import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunFolder } from '../../src/report/read.js';
import { sweepShape, type TrialRow } from '../../src/report/sweep-report.js';

const N = 1000;
const labels = Array.from({ length: N }, (_, i) => i % 10);
/** A trial whose classifier gets the first `right` test images right and the rest wrong. */
function trial(id: string, latent: number, right: number): { row: TrialRow; folder: RunFolder } {
  const predicted = labels.map((l, i) => (i < right ? l : (l + 1) % 10));
  const matrix = Array.from({ length: 10 }, () => Array.from({ length: 10 }, () => 0));
  labels.forEach((l, i) => matrix[l]![predicted[i]!]!++);
  return {
    row: { id, status: 'finished', assignment: { 'stages.ae.latent': latent }, metrics: { 'clf.test_acc': right / N } },
    folder: {
      dir: id,
      record: { stages: {} } as unknown as RunFolder['record'],
      metrics: [],
      files: { clf: { predictions: { labels, predicted }, evaluation: { confusion_matrix: matrix } } },
    },
  };
}

function shape(specs: [number, number][]): string | undefined {
  const trials = specs.map(([latent, right], i) => trial(`t00${i}`, latent, right));
  const rows = trials.map((t) => t.row);
  const best = [...rows].sort((a, b) => b.metrics['clf.test_acc']! - a.metrics['clf.test_acc']!)[0]!;
  return sweepShape(
    rows,
    ['stages.ae.latent'],
    { key: 'clf.test_acc', maximize: true },
    best,
    new Map(trials.map((t) => [t.row.id, t.folder])),
  );
}

test('the sweep report says where accuracy on reconstructions stops improving with the latent size', () => {
  // 60% at latent 4, 85% at 8, then 90.6%, 90.7%, 90.8%: on 1000 paired images the last three
  // differ from the best on at most 2 images (p = 0.5), latent 8 on 58 (p < 0.001).
  const text = shape([
    [4, 600],
    [8, 850],
    [16, 906],
    [32, 907],
    [64, 908],
  ]);
  assert.match(text ?? '', /rises from 60\.00% at ae\.latent 4 and stops improving at ae\.latent 16 \(90\.60%\)/);
  assert.match(text ?? '', /paired McNemar's exact test against the best trial/);
});

test('the sweep report says when the swept setting makes no difference beyond the noise', () => {
  const text = shape([
    [4, 906],
    [8, 907],
    [16, 908],
  ]);
  assert.match(text ?? '', /does not change with ae\.latent beyond the noise: every trial is within it/);
});
