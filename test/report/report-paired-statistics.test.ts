import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthFindings, pairedWords } from '../../src/report/comparison.js';
import { classCounts, mcnemarExact, pairedComparison, pairedFromCounts } from '../../src/report/statistics.js';

test("McNemar's exact test gives the binomial tail of the discordant images", () => {
  // 2 vs 12 discordant: 2 * P(X <= 2), X ~ Bin(14, 1/2) = 2 * (1 + 14 + 91) / 2^14.
  assert.ok(Math.abs(mcnemarExact(2, 12) - (2 * 106) / 16384) < 1e-15);
  assert.equal(mcnemarExact(12, 2), mcnemarExact(2, 12));
  assert.equal(mcnemarExact(0, 0), 1);
  assert.equal(mcnemarExact(5, 5), 1);
  // Thousands of discordant pairs do not underflow.
  assert.ok(mcnemarExact(1000, 1100) > 0.02 && mcnemarExact(1000, 1100) < 0.04);
});

test('two classifiers are paired image by image when they scored the same test images', () => {
  const labels = [0, 1, 2, 3, 4, 5];
  const a = { labels, predicted: [0, 1, 2, 3, 0, 0] }; // right on 0-3
  const b = { labels, predicted: [0, 0, 2, 0, 4, 5] }; // right on 0, 2, 4, 5
  const c = pairedComparison(a, b)!;
  assert.deepEqual([c.n, c.onlyA, c.onlyB], [6, 2, 2]);
  assert.equal(c.difference, 0);
  assert.equal(pairedComparison(a, { labels: [1, 1, 2, 3, 4, 5], predicted: b.predicted }), undefined);
});

test('the report calls a paired difference of 10 against 13 discordant images within the noise, with its interval', () => {
  // 500 images; the classifier on reconstructions alone right on 10, the baseline alone on 13:
  // d = -3/500, se = sqrt(23 - 9/500)/500 = 0.00959, so -0.6 ± 1.88 points.
  const words = pairedWords(pairedFromCounts(500, 10, 13), 'cnn', 'cnn_raw');
  assert.match(words, /95% interval -2\.5 to \+1\.3 points/);
  assert.match(
    words,
    /of the 500 test images, 23 were classified right by only one of them, 10 by cnn and 13 by cnn_raw/,
  );
  assert.match(words, /McNemar's exact test p = 0\.68\): within the noise/);
});

test('the report calls a paired difference of 2 against 40 discordant images a real difference', () => {
  // d = -38/1000, se = sqrt(42 - 1444/1000)/1000 = 0.00637: -3.8 ± 1.25 points.
  const words = pairedWords(pairedFromCounts(1000, 2, 40), 'cnn', 'cnn_raw');
  assert.match(words, /95% interval -5\.0 to -2\.6 points/);
  assert.match(words, /p < 0\.001\): a real difference at the 5% level/);
});

test('a classifier at or below chance and one that predicts one class for most images are flagged', () => {
  // 100 test images, 10 per class; every image predicted as 4: 10% accuracy, chance is 10%.
  const collapsed = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === 4 ? 10 : 0 * i)));
  const flags = healthFindings('cnn', 0.1, classCounts(collapsed));
  assert.equal(flags.length, 2);
  assert.equal(flags[0]!.tone, 'bad');
  assert.match(flags[0]!.text, /cnn is at or below chance: 10\.00% test accuracy, where guessing gets 10\.00%/);
  assert.match(
    flags[1]!.text,
    /cnn has collapsed: it predicts class 4 for 100% of the test images, which hold 10% of that class/,
  );

  // 8% on a set where the commonest class is 12%: below chance, not collapsed.
  const spread = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? (i === 0 ? 2 : 0) + (i < 6 ? 1 : 0) : i === 0 && j === 1 ? 10 : 1)),
  );
  const counts = classCounts(spread);
  const n = counts.labels.reduce((x, y) => x + y, 0);
  const below = healthFindings('cnn', 0.08, counts);
  assert.equal(below.length, 1, below.map((f) => f.text).join('\n'));
  assert.match(below[0]!.text, /at or below chance/);
  assert.ok(Math.max(...counts.labels) / n > 0.1);

  // A good classifier: nothing to flag.
  const good = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? 9 : i === (j + 1) % 10 ? 1 : 0)),
  );
  assert.deepEqual(healthFindings('cnn', 0.9, classCounts(good)), []);
});
