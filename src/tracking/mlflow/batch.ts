// Splitting one logical log-batch into requests the server accepts.
//
// Policy (decided here, documented in the README of this folder):
// - Keys are checked before anything is sent: empty, longer than 250 chars, characters MLflow
//   refuses, or a path-like key that is not normalised ("a//b", "../x") -> 'invalid-input', and
//   no request is made. Truncating a key could merge two different keys, so we never do.
// - Param values longer than 6000 chars and tag values longer than 8000 are TRUNCATED, as
//   MLflow's own client and server do by default; the keys that were cut are returned so the
//   caller can say so. A long value is usually a description or a list, and losing the tail is
//   better than losing the whole run's tracking.
// - Metric steps and timestamps must be integers; values may be NaN/±Infinity.

import { err, ok, type MlflowResult } from './errors.js';
import type { MetricInput } from './types.js';
import { encodeDouble } from './wire.js';

export const LOG_BATCH_LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
  /** The server refuses bodies over 1e6 bytes; keep a margin for the envelope. */
  bytes: 1_000_000 - 1024,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
} as const;

export type LogBatchLimits = { readonly [K in keyof typeof LOG_BATCH_LIMITS]: number };

export interface WireMetric {
  readonly key: string;
  readonly value: number | string;
  readonly timestamp: number;
  readonly step: number;
}
export interface WireKeyValue {
  readonly key: string;
  readonly value: string;
}
export interface WireBatch {
  readonly metrics: WireMetric[];
  readonly params: WireKeyValue[];
  readonly tags: WireKeyValue[];
}

export interface BatchInput {
  readonly metrics?: readonly MetricInput[];
  readonly params?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface BatchPlan {
  readonly batches: WireBatch[];
  /** Param and tag keys whose values were cut to the server's length limit. */
  readonly truncated: string[];
}

// MLflow: ^[/\w.\- :]*$ (Python's \w is Unicode-aware, hence \p{L}\p{N}\p{M}).
const KEY_CHARS = /^[/\p{L}\p{N}\p{M}_.\- :]*$/u;

function checkKey(kind: string, key: string, maxLength: number): string | undefined {
  const shown = key.length > 60 ? `${JSON.stringify(key.slice(0, 60))}… (${key.length} chars)` : JSON.stringify(key);
  if (key === '') return `${kind} key is empty`;
  if (key.length > maxLength) return `${kind} key ${shown} is longer than MLflow's limit of ${maxLength} characters`;
  if (!KEY_CHARS.test(key)) {
    return `${kind} key ${shown} has characters MLflow refuses; use letters, digits, _ - . : space and /`;
  }
  const segments = key.split('/');
  if (key.startsWith('/') || key.startsWith('..') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    return `${kind} key ${shown} is not a normalised path (MLflow refuses leading '/', '//', '.' or '..' parts)`;
  }
  return undefined;
}

const bytesOf = (item: unknown): number => Buffer.byteLength(JSON.stringify(item), 'utf8') + 1; // + comma

/**
 * Turns one logical batch into server-sized batches, params first (a param conflict then
 * fails before any metric is written), then tags, then metrics in the order given.
 */
export function planBatches(
  runId: string,
  input: BatchInput,
  now: number,
  limits: LogBatchLimits = LOG_BATCH_LIMITS,
): MlflowResult<BatchPlan> {
  const problems: string[] = [];
  const truncated: string[] = [];

  const kv = (kind: 'param' | 'tag', rec: Readonly<Record<string, string>> | undefined, maxValue: number) =>
    Object.entries(rec ?? {}).map(([key, raw]): WireKeyValue => {
      const problem = checkKey(kind, key, limits.keyLength);
      if (problem) problems.push(problem);
      const value = String(raw);
      if (value.length <= maxValue) return { key, value };
      truncated.push(key);
      return { key, value: value.slice(0, maxValue) };
    });
  const params = kv('param', input.params, limits.paramValueLength);
  const tags = kv('tag', input.tags, limits.tagValueLength);

  const metrics = (input.metrics ?? []).map((m, i): WireMetric => {
    const problem = checkKey('metric', m.key, limits.keyLength);
    if (problem) problems.push(problem);
    const timestamp = m.timestamp ?? now;
    const step = m.step ?? 0;
    if (!Number.isSafeInteger(timestamp))
      problems.push(`metric ${JSON.stringify(m.key)} (#${i}) has a timestamp that is not an integer: ${timestamp}`);
    if (!Number.isSafeInteger(step))
      problems.push(`metric ${JSON.stringify(m.key)} (#${i}) has a step that is not an integer: ${step}`);
    if (typeof m.value !== 'number')
      problems.push(`metric ${JSON.stringify(m.key)} (#${i}) has a value that is not a number`);
    return { key: m.key, value: encodeDouble(m.value), timestamp, step };
  });

  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    return err({
      kind: 'invalid-input',
      message: `log-batch for run ${runId} was not sent: ${problems.slice(0, 5).join('; ')}${more}`,
    });
  }

  const envelope = bytesOf({ run_id: runId, metrics: [], params: [], tags: [] });
  const batches: WireBatch[] = [];
  let cur: WireBatch = { metrics: [], params: [], tags: [] };
  let curBytes = envelope;
  const count = (b: WireBatch) => b.metrics.length + b.params.length + b.tags.length;
  const add = <K extends keyof WireBatch>(field: K, item: WireBatch[K][number], cap: number) => {
    const size = bytesOf(item);
    if (cur[field].length >= cap || count(cur) >= limits.total || curBytes + size > limits.bytes) {
      batches.push(cur);
      cur = { metrics: [], params: [], tags: [] };
      curBytes = envelope;
    }
    (cur[field] as Array<WireBatch[K][number]>).push(item);
    curBytes += size;
  };
  for (const p of params) add('params', p, limits.params);
  for (const t of tags) add('tags', t, limits.tags);
  for (const m of metrics) add('metrics', m, limits.metrics);
  if (count(cur) > 0) batches.push(cur);
  return ok({ batches, truncated });
}
