/**
 * A sweep's scheduler across the queue. The worker publishes each epoch's report of the scheduled
 * stage as its job's progress (BullMQ's QueueEvents carry it to the submitter), then waits with
 * BLPOP on a list of its own for the verdict, which the submitter's scheduler pushes there. Both
 * sides read what anyone with access to Redis can write, so each checks the other's message
 * strictly: a report must name the trial its job runs, the scheduled stage, an epoch within the
 * stage's budget and a number; a verdict must be exactly a verdict.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Trial } from '../../plan/plan.js';
import type { EpochReport, Verdict } from '../../types/run-events.js';
import type { Result } from '../../types/result.js';
import { fail, ok } from '../../util/result.js';

/** An epoch report on the queue; `value` null stands for a value that is not finite (JSON has no NaN). */
export interface QueuedReport {
  readonly trial: string;
  readonly stage: string;
  readonly epoch: number;
  readonly value: number | null;
  /** Names the list the verdict goes to: a fresh one per report, so no answer can be taken for another. */
  readonly request: string;
}

/** What the submitter knows of a trial it follows: a report must agree with it. */
export interface ReportExpectation {
  readonly trial: string;
  readonly stage: string;
  readonly epochs: number;
}

/** A verdict's list lives this long: one nobody took (its worker gone) does not stay in Redis. */
const VERDICT_TTL_S = 24 * 3600;
const REQUEST = /^[0-9a-f]{16}$/;
const MAX_REASON = 1000;

/** The list a report's verdict is pushed to; the job id is the submitter's own, the request checked. */
export const verdictKey = (jobId: string, request: string): string => `aelab:verdict:${jobId}:${request}`;

export const newRequest = (): string => randomBytes(8).toString('hex');

export function queuedReport(report: EpochReport, request: string): QueuedReport {
  return { ...report, value: Number.isFinite(report.value) ? report.value : null, request };
}

/** A report read from Redis, checked against the trial the job runs; the scheduler's report, or why it is refused. */
export function asReport(value: unknown, expect: ReportExpectation): Result<EpochReport & { request: string }> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('it is not an object');
  const keys = Object.keys(value).sort().join();
  if (keys !== 'epoch,request,stage,trial,value') return fail(`its fields are ${keys || 'none'}`);
  const r = value as Record<string, unknown>;
  if (r.trial !== expect.trial) return fail(`it names trial ${String(r.trial)}, but the job runs ${expect.trial}`);
  if (r.stage !== expect.stage) return fail(`it names stage ${String(r.stage)}, not the scheduled ${expect.stage}`);
  if (typeof r.epoch !== 'number' || !Number.isInteger(r.epoch) || r.epoch < 1 || r.epoch > expect.epochs)
    return fail(`its epoch ${String(r.epoch)} is not a whole number from 1 to ${expect.epochs}`);
  if (r.value !== null && (typeof r.value !== 'number' || !Number.isFinite(r.value)))
    return fail(`its value ${String(r.value)} is not a number`);
  if (typeof r.request !== 'string' || !REQUEST.test(r.request)) return fail('its request id is malformed');
  return ok({
    trial: expect.trial,
    stage: expect.stage,
    epoch: r.epoch,
    value: r.value === null ? Number.NaN : r.value,
    request: r.request,
  });
}

/** A verdict read from Redis: exactly `{decision: continue}` or `{decision: stop, reason}`, or why not. */
export function asVerdict(text: string): Result<Verdict> {
  let v: unknown;
  try {
    v = JSON.parse(text) as unknown;
  } catch {
    return fail('it is not JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return fail('it is not an object');
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort().join();
  if (o.decision === 'continue' && keys === 'decision') return ok({ decision: 'continue' });
  if (
    o.decision === 'stop' &&
    keys === 'decision,reason' &&
    typeof o.reason === 'string' &&
    o.reason.length > 0 &&
    o.reason.length <= MAX_REASON
  )
    return ok({ decision: 'stop', reason: o.reason });
  return fail(`it is not a verdict (fields ${keys || 'none'})`);
}

/** The submitter's answer to a report: pushed to the report's list, which expires if nobody takes it. */
export async function sendVerdict(redis: Redis, jobId: string, request: string, verdict: Verdict): Promise<void> {
  const key = verdictKey(jobId, request);
  await redis.multi().rpush(key, JSON.stringify(verdict)).expire(key, VERDICT_TTL_S).exec();
}

/**
 * Waits on `key` until a valid verdict arrives or `timeoutMs` has passed (undefined then). Anything
 * else found on the list is refused, said through `refused`, and the wait goes on. Every
 * `resendMs` without an answer `resend` is called: a submitter that started following the job
 * after the report went out (`aelab resume`) never saw it, since QueueEvents reads new events only.
 * `redis` must be a connection of its own: BLPOP blocks it.
 */
export async function awaitVerdict(
  redis: Redis,
  key: string,
  timeoutMs: number,
  refused: (why: string) => void,
  resend: () => void = () => undefined,
  resendMs = 30_000,
): Promise<Verdict | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    // BLPOP takes seconds (fractions since Redis 6); 0 would mean forever.
    const popped = await redis.blpop(key, Math.max(0.01, Math.min(left, resendMs) / 1000));
    if (!popped) {
      if (deadline - Date.now() > 0) resend();
      continue;
    }
    const verdict = asVerdict(popped[1]);
    if (verdict.ok) {
      await redis.del(key);
      return verdict.value;
    }
    refused(`a verdict on ${key} was refused: ${verdict.error}`);
  }
}

const METRIC = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

/** A job's schedule checked against the worker's own plan of its trial: the stage it names trains, for how many epochs. */
export function checkedSchedule(
  schedule: unknown,
  trial: Trial,
): Result<{ stage: string; metric: string; epochs: number } | undefined> {
  if (schedule === undefined) return ok(undefined);
  if (!schedule || typeof schedule !== 'object' || Array.isArray(schedule))
    return fail('its schedule is not an object');
  const s = schedule as Record<string, unknown>;
  if (Object.keys(s).sort().join() !== 'metric,stage')
    return fail('its schedule has other fields than stage and metric');
  if (typeof s.metric !== 'string' || !METRIC.test(s.metric)) return fail('its schedule names no metric');
  const stage = typeof s.stage === 'string' && Object.hasOwn(trial.config.stages, s.stage) ? s.stage : undefined;
  const config = stage ? trial.config.stages[stage] : undefined;
  if (!stage || !config || !('train' in config))
    return fail(`its schedule names \`${String(s.stage)}\`, which is not a training stage of the trial`);
  return ok({ stage, metric: s.metric, epochs: config.train.epochs });
}
