// How one logical log-batch is cut into requests within MLflow's server limits.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { LOG_BATCH_LIMITS, planBatches, type BatchInput } from '../../src/tracking/mlflow/index.js';

function plan(input: BatchInput) {
  const r = planBatches('run1', input, 1_700_000_000_000);
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

function assertWithinLimits(batches: ReturnType<typeof plan>['batches']): void {
  for (const b of batches) {
    assert.ok(b.metrics.length <= 1000 && b.params.length <= 100 && b.tags.length <= 100);
    assert.ok(b.metrics.length + b.params.length + b.tags.length <= 1000);
    const bytes = Buffer.byteLength(JSON.stringify({ run_id: 'run1', ...b }));
    assert.ok(bytes <= 1_000_000, `a request of ${bytes} bytes`);
  }
}

describe('planBatches', () => {
  test('keeps every item exactly once, in order, within the count limits', () => {
    const metrics = Array.from({ length: 2345 }, (_, i) => ({ key: 'loss', value: i, step: i }));
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, String(i)]));
    const tags = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`t${i}`, String(i)]));
    const { batches } = plan({ metrics, params, tags });
    assertWithinLimits(batches);
    assert.deepEqual(
      batches.flatMap((b) => b.metrics.map((m) => m.step)),
      metrics.map((m) => m.step),
    );
    assert.deepEqual(
      batches.flatMap((b) => b.params.map((p) => p.key)),
      Object.keys(params),
    );
    assert.deepEqual(
      batches.flatMap((b) => b.tags.map((t) => t.key)),
      Object.keys(tags),
    );
    // 2345 + 250 + 130 = 2725 items need at least 3 requests of 1000.
    assert.ok(batches.length >= 3);
  });

  test('splits by body size when long values would pass one megabyte', () => {
    const tags = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`t${i}`, 'v'.repeat(8000)]));
    const params = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`p${i}`, 'é'.repeat(6000)])); // 2 bytes each
    const { batches } = plan({ params, tags });
    assertWithinLimits(batches);
    assert.ok(batches.length >= 2);
  });

  test('truncates long param and tag values and names the keys it cut', () => {
    const { batches, truncated } = plan({
      params: { notes: 'x'.repeat(6001), ok: 'y' },
      tags: { desc: 'z'.repeat(9000) },
    });
    assert.deepEqual(truncated, ['notes', 'desc']);
    assert.equal(batches[0]?.params[0]?.value.length, LOG_BATCH_LIMITS.paramValueLength);
    assert.equal(batches[0]?.tags[0]?.value.length, LOG_BATCH_LIMITS.tagValueLength);
  });

  test('sends NaN and infinities as the strings MLflow understands', () => {
    const { batches } = plan({
      metrics: [
        { key: 'a', value: NaN },
        { key: 'b', value: -Infinity, step: 3 },
      ],
    });
    assert.deepEqual(batches[0]?.metrics, [
      { key: 'a', value: 'NaN', timestamp: 1_700_000_000_000, step: 0 },
      { key: 'b', value: '-Infinity', timestamp: 1_700_000_000_000, step: 3 },
    ]);
  });

  test('rejects keys MLflow would refuse, naming each one, and plans nothing', () => {
    const r = planBatches(
      'run1',
      {
        params: { ['a'.repeat(251)]: '1', 'bad|char': '2', '../up': '3' },
        metrics: [
          { key: '', value: 1 },
          { key: 'ok', value: 1, step: 1.5 },
        ],
      },
      0,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'invalid-input');
    assert.match(r.error.message, /longer than MLflow's limit of 250/);
    assert.match(r.error.message, /"bad\|char" has characters MLflow refuses/);
    assert.match(r.error.message, /"\.\.\/up" is not a normalised path/);
    assert.match(r.error.message, /metric key is empty/);
    assert.match(r.error.message, /step that is not an integer: 1\.5/);
  });

  test('plans no request for an empty batch', () => {
    assert.deepEqual(plan({}).batches, []);
  });
});
