import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIDENCE, meanInterval } from '../../src/util/intervals.js';
import { metricRange } from '../../src/util/metric-direction.js';

test('an accuracy interval of two seeds is cut at 0 and 1 rather than reaching past them', () => {
  // 0.05 and 0.95: mean 0.5, sd 0.6364, half width 12.7062 * 0.6364 / sqrt(2) = 5.718.
  const bare = meanInterval([0.05, 0.95]);
  assert.ok(bare.low < -5 && bare.high > 6, `bare interval ${bare.low}..${bare.high}`);
  const cut = meanInterval([0.05, 0.95], CONFIDENCE, metricRange('cnn.test_acc'));
  assert.equal(cut.low, 0);
  assert.equal(cut.high, 1);
  assert.equal(cut.mean, bare.mean);
  assert.equal(cut.sd, bare.sd);
});

test('a loss interval is cut at 0 only, and an interval inside the range is untouched', () => {
  const loss = meanInterval([0.01, 0.2], CONFIDENCE, metricRange('ae.test_loss'));
  assert.equal(loss.low, 0);
  assert.ok(loss.high > 1);
  const inside = meanInterval([0.97, 0.98, 0.975], CONFIDENCE, metricRange('test_acc'));
  assert.deepEqual(inside, meanInterval([0.97, 0.98, 0.975]));
});

test('the range of a metric follows its name: accuracies 0..1, losses and squared errors from 0, others open', () => {
  assert.deepEqual(metricRange('probe_acc'), { min: 0, max: 1 });
  assert.deepEqual(metricRange('val_loss'), { min: 0 });
  assert.deepEqual(metricRange('recon_mse'), { min: 0 });
  assert.deepEqual(metricRange('stopped_epoch'), {});
});
