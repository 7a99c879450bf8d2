/**
 * An event a worker forwards in its job's progress, as the submitter reads it from Redis: anyone
 * who can write there can write it, and the submitter hands it to the terminal and its listeners.
 * So it is taken only when it is exactly an event of the job's own trial, about one of the trial's
 * own stages, with fields of the right kinds and sizes (no control characters to print); anything
 * else is refused with the reason.
 */
import path from 'node:path';
import type { RunEvent } from '../../types/run-events.js';
import type { Result } from '../../types/result.js';
import { fail, ok } from '../../util/result.js';

type Kind = 'count' | 'number' | 'text' | 'name' | 'path' | 'metrics' | 'boolean' | 'status' | 'object';

/** The fields of each event type after `type`, `time` and `trial`; `?` marks an optional one. */
const FIELDS: Readonly<Record<RunEvent['type'], Readonly<Record<string, Kind>>>> = {
  run_started: { params: 'object', environment: 'object' },
  stage_started: { stage: 'name', fingerprint: 'text' },
  batch: { stage: 'name', epoch: 'count', epochs: 'count', batch: 'count', batches: 'count', loss: 'number' },
  epoch: {
    stage: 'name',
    epoch: 'count',
    epochs: 'count',
    metrics: 'metrics',
    seconds: 'number',
    'cached?': 'boolean',
  },
  artifact: { stage: 'name', path: 'path', description: 'text' },
  stage_finished: { stage: 'name', metrics: 'metrics', seconds: 'number', cached: 'boolean' },
  stage_failed: { stage: 'name', error: 'text' },
  stage_stopped: { stage: 'name', epoch: 'count', epochs: 'count', reason: 'text' },
  stage_skipped: { stage: 'name', reason: 'text' },
  dataset: { dataset: 'object' },
  warning: { 'stage?': 'name', message: 'text' },
  run_finished: { status: 'status', 'error?': 'text' },
};

const MAX_TEXT = 10_000;
const METRIC = /^[A-Za-z_][A-Za-z0-9_./-]{0,127}$/;
const STATUSES = new Set(['finished', 'failed', 'killed', 'stopped']);
// Control characters other than tab and newline: a forwarded string is printed to a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function fits(value: unknown, kind: Kind, stages: ReadonlySet<string>): boolean {
  switch (kind) {
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0;
    case 'number':
      // NaN travels as null in JSON: a diverged loss is still a loss.
      return value === null || typeof value === 'number';
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT && !CONTROL.test(value);
    case 'name':
      return typeof value === 'string' && stages.has(value);
    case 'path':
      return (
        fits(value, 'text', stages) &&
        !path.posix.isAbsolute(value as string) &&
        !(value as string).split(/[\\/]/).some((part) => part === '..' || part === '')
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'status':
      return typeof value === 'string' && STATUSES.has(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'metrics':
      return (
        fits(value, 'object', stages) &&
        Object.entries(value as object).every(([k, v]) => METRIC.test(k) && (v === null || typeof v === 'number'))
      );
  }
}

/** `value` as an event of `trial`, whose stages are `stages`, or why it is refused. */
export function asForwardedEvent(value: unknown, trial: string, stages: ReadonlySet<string>): Result<RunEvent> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('it is not an object');
  const e = value as Record<string, unknown>;
  if (typeof e.type !== 'string' || !Object.hasOwn(FIELDS, e.type))
    return fail(`its type ${String(e.type)} is unknown`);
  if (e.trial !== trial) return fail(`it names trial ${String(e.trial)}, but the job runs ${trial}`);
  if (typeof e.time !== 'number' || !Number.isFinite(e.time)) return fail('its time is not a number');
  const fields = FIELDS[e.type as RunEvent['type']];
  const allowed = new Set(['type', 'time', 'trial', ...Object.keys(fields).map((k) => k.replace(/\?$/, ''))]);
  const extra = Object.keys(e).filter((k) => !allowed.has(k));
  if (extra.length) return fail(`it has fields a ${e.type} event does not have: ${extra.join(', ')}`);
  for (const [key, kind] of Object.entries(fields)) {
    const name = key.replace(/\?$/, '');
    if (key.endsWith('?') && e[name] === undefined) continue;
    if (!fits(e[name], kind, stages)) return fail(`its ${name} is not ${describe(kind)}`);
  }
  return ok(value as RunEvent);
}

function describe(kind: Kind): string {
  return {
    count: 'a whole number',
    number: 'a number',
    text: `text of at most ${MAX_TEXT} printable characters`,
    name: "one of the trial's stages",
    path: 'a relative path inside the trial folder',
    metrics: 'metric names with numbers',
    boolean: 'true or false',
    status: 'a trial status',
    object: 'an object',
  }[kind];
}
