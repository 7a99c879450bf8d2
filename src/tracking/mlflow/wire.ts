// Conversion between MLflow's REST JSON (snake_case, protobuf-JSON) and the types in types.ts.
// Parsing is defensive but light: we check the fields we rely on and let the caller turn a
// `undefined` into a 'bad-response' error, rather than trusting `as` casts on server output.

import type { Experiment, FileInfo, Metric, Run, RunInfo, RunStatus } from './types.js';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** protobuf-JSON encodes int64 as a string or a number; both appear in MLflow answers. */
function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** Doubles: numbers, or the strings "NaN" / "Infinity" / "-Infinity" for non-finite values. */
export function decodeDouble(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** JSON.stringify turns NaN/Infinity into null, which MLflow rejects; protobuf-JSON wants strings. */
export function encodeDouble(v: number): number | string {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'Infinity' : '-Infinity';
}

function keyValues(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return {};
  if (!Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const kv of v) {
    if (!isObj(kv) || typeof kv.key !== 'string') return undefined;
    // protobuf-JSON omits empty strings, so a missing value is "".
    out[kv.key] = str(kv.value) ?? '';
  }
  return out;
}

export function parseMetric(v: unknown): Metric | undefined {
  if (!isObj(v) || typeof v.key !== 'string') return undefined;
  const value = decodeDouble(v.value ?? 0);
  const timestamp = int(v.timestamp ?? 0);
  const step = int(v.step ?? 0);
  if (value === undefined || timestamp === undefined || step === undefined) return undefined;
  return { key: v.key, value, timestamp, step };
}

export function parseExperiment(v: unknown): Experiment | undefined {
  if (!isObj(v)) return undefined;
  const experimentId = str(v.experiment_id);
  const name = str(v.name);
  const tags = keyValues(v.tags);
  if (experimentId === undefined || name === undefined || !tags) return undefined;
  return {
    experimentId,
    name,
    artifactLocation: str(v.artifact_location) ?? '',
    lifecycleStage: str(v.lifecycle_stage) ?? 'active',
    tags,
  };
}

const STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export function parseRunInfo(v: unknown): RunInfo | undefined {
  if (!isObj(v)) return undefined;
  const runId = str(v.run_id) ?? str(v.run_uuid);
  const experimentId = str(v.experiment_id);
  const status = STATUSES.find((s) => s === v.status);
  if (runId === undefined || experimentId === undefined || status === undefined) return undefined;
  const startTime = int(v.start_time);
  const endTime = int(v.end_time);
  return {
    runId,
    experimentId,
    runName: str(v.run_name) ?? '',
    status,
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
    artifactUri: str(v.artifact_uri) ?? '',
    lifecycleStage: str(v.lifecycle_stage) ?? 'active',
  };
}

export function parseRun(v: unknown): Run | undefined {
  if (!isObj(v)) return undefined;
  const info = parseRunInfo(v.info);
  const data = v.data === undefined ? {} : v.data;
  if (!info || !isObj(data)) return undefined;
  const metrics = parseList(data.metrics, parseMetric);
  const params = keyValues(data.params);
  const tags = keyValues(data.tags);
  if (!metrics || !params || !tags) return undefined;
  return { info, data: { metrics, params, tags } };
}

export function parseFileInfo(v: unknown): FileInfo | undefined {
  if (!isObj(v) || typeof v.path !== 'string') return undefined;
  const fileSize = int(v.file_size);
  return { path: v.path, isDir: v.is_dir === true, ...(fileSize !== undefined ? { fileSize } : {}) };
}

/** Parses every element or fails as a whole: a half-parsed list would hide a server change. */
export function parseList<T>(v: unknown, parse: (x: unknown) => T | undefined): T[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const x of v) {
    const p = parse(x);
    if (p === undefined) return undefined;
    out.push(p);
  }
  return out;
}

export { isObj, str };
