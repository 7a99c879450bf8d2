import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probeWords, summarise } from '../../src/report/sweep-probes.js';

test('the sweep words name the swept value below which the probe falls more than 5 points under its best', () => {
  const rows = [
    { x: 2, probe: 0.6, knn: 0.7 },
    { x: 8, probe: 0.86, knn: 0.9 },
    { x: 32, probe: 0.9, knn: 0.95 },
    { x: 64, probe: 0.89, knn: 0.95 },
  ];
  assert.equal(
    probeWords(rows, 'latent'),
    'A linear probe reads the digit from the test codes for 90.0% at latent 32 (kNN 95.0%), its best; it falls more than 5 points below that at 60.0% at latent 2 (kNN 70.0%): below latent 8 the code stops holding class information a linear probe can read.',
  );
});

test('with repeats, a fall within the intervals is not called a fall', () => {
  const rows = [
    { x: 2, probe: 0.7 },
    { x: 2, probe: 0.95 },
    { x: 8, probe: 0.9 },
    { x: 8, probe: 0.91 },
  ];
  const s = summarise(rows, 'probe');
  assert.equal(s[0]!.n, 2);
  // Mean 0.825, 8 points under the best, but t with 1 degree of freedom makes its interval wide.
  assert.ok(s[0]!.low < 0.7 && s[0]!.high > 0.95);
  assert.match(probeWords(rows, 'latent')!, /at no swept value does it fall more than 5 points/);
});
