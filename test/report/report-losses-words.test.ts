import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairedByClass } from '../../src/analysis/paired.js';
import { lossWords } from '../../src/report/losses.js';

/** 100 images of each of three digits; on digit 1 the reconstructions lose 20 images and win none. */
function predictions() {
  const labels: number[] = [];
  const raw: number[] = [];
  const recon: number[] = [];
  for (let c = 0; c < 3; c++)
    for (let i = 0; i < 100; i++) {
      labels.push(c);
      raw.push(c);
      recon.push(c === 1 && i < 20 ? 2 : c === 2 && i < 2 ? 0 : c);
    }
  return { labels, raw, recon };
}

test('the words name only the digits whose Holm-adjusted paired test holds, and say the rest cannot be told apart', () => {
  const { labels, raw, recon } = predictions();
  const rows = pairedByClass(labels, raw, recon, 3);
  assert.equal(
    lossWords(rows, 'cnn_raw', 'cnn'),
    'cnn loses to cnn_raw on digit 1 (McNemar, Holm-adjusted over the classes, 5% level); on the other 2 digits the test cannot tell them apart.',
  );
});

test('with no digit past the test the words claim no loss', () => {
  const labels = [0, 0, 1, 1];
  const rows = pairedByClass(labels, [0, 0, 1, 1], [0, 1, 1, 1], 2);
  assert.match(lossWords(rows, 'cnn_raw', 'cnn'), /^On no digit does the paired test/);
});
