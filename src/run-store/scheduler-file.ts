/**
 * scheduler.json of a sweep: its ASHA scheduler's settings and every decision in arrival order.
 * Read back from a shared folder, so it is checked field by field before anyone trusts it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AshaRecord, AshaSettings, AshaState } from '../types/scheduler.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { SCHEDULER_FILE } from './files.js';

export const writeSchedulerState = (sweepDir: string, state: AshaState): Promise<void> =>
  writeJsonAtomic(path.join(sweepDir, SCHEDULER_FILE), state);

/** The sweep's scheduler state; undefined when it has none; an Error saying what is wrong with a bad file. */
export async function readSchedulerState(sweepDir: string): Promise<AshaState | undefined> {
  const file = path.join(sweepDir, SCHEDULER_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  const state = parseAshaState(json);
  if (!state.ok) throw new Error(`${file}: ${state.error}`);
  return state.value;
}

const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored scheduler state, checked field by field (it is read back from a shared folder): the
 * state, or what is wrong with it. Values may be null where JSON wrote a non-finite number.
 */
export function parseAshaState(value: unknown): { ok: true; value: AshaState } | { ok: false; error: string } {
  const bad = (why: string) => ({ ok: false as const, error: `not an ASHA state: ${why}` });
  if (!isObj(value) || value.type !== 'asha') return bad('no `type: asha`');
  const s = value.settings;
  if (!isObj(s)) return bad('no settings');
  if (typeof s.stage !== 'string' || typeof s.metric !== 'string') return bad('settings without stage or metric');
  if (s.mode !== 'min' && s.mode !== 'max') return bad(`mode ${String(s.mode)}`);
  if (!isInt(s.min_epochs, 1) || !isInt(s.reduction_factor, 2) || !isInt(s.max_epochs, 1))
    return bad('min_epochs, reduction_factor or max_epochs out of range');
  const settings: AshaSettings = {
    stage: s.stage,
    metric: s.metric,
    mode: s.mode,
    min_epochs: s.min_epochs,
    reduction_factor: s.reduction_factor,
    max_epochs: s.max_epochs,
  };
  if (!Array.isArray(value.log)) return bad('no log');
  const log: AshaRecord[] = [];
  for (const [i, r] of value.log.entries()) {
    if (!isObj(r) || typeof r.trial !== 'string' || !isInt(r.rung, 1) || !isInt(r.epoch, 1))
      return bad(`log entry ${i} lacks trial, rung or epoch`);
    if (r.decision !== 'continue' && r.decision !== 'stop')
      return bad(`log entry ${i} has decision ${String(r.decision)}`);
    const num = (v: unknown) => (typeof v === 'number' ? v : v === null ? Number.NaN : undefined);
    const v = num(r.value);
    if (v === undefined) return bad(`log entry ${i} has no value`);
    const cutoff = r.cutoff === undefined ? undefined : num(r.cutoff);
    log.push({
      trial: r.trial,
      rung: r.rung,
      epoch: r.epoch,
      value: v,
      ...(cutoff !== undefined ? { cutoff } : {}),
      decision: r.decision,
    });
  }
  return { ok: true, value: { type: 'asha', settings, log } };
}
