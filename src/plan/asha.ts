/**
 * Asynchronous successive halving (ASHA: Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020), in the stopping form Ray Tune's ASHAScheduler uses: rungs
 * at min_epochs * reduction_factor^k epochs below the stage's epoch budget; a trial that reaches
 * a rung continues only when its metric is at least as good as the (1 - 1/reduction_factor)
 * quantile of the values other trials recorded at that rung before it (numpy's linear
 * percentile), i.e. it is in their top 1/reduction_factor. The first trial at a rung has nothing
 * to be compared with and continues. Nothing waits for a full bracket, so trials never idle.
 *
 * The decision depends only on the arrival order of the reports, so the same order gives the
 * same decisions; the state is plain data (`toJSON`/`fromJSON`) kept in the sweep's folder, and
 * its log of decisions is what resume and the report read. One deliberate difference from Ray: a
 * value that is not a finite number (a diverged trial) is the worst possible value and stops.
 */

import type { AshaDecision, AshaRecord, AshaSettings, AshaState } from '../types/scheduler.js';

export type { AshaDecision, AshaMode, AshaRecord, AshaSettings, AshaState } from '../types/scheduler.js';

/** The rungs, in epochs: min_epochs * reduction_factor^k below max_epochs. */
export function rungs(s: Pick<AshaSettings, 'min_epochs' | 'reduction_factor' | 'max_epochs'>): number[] {
  const out: number[] = [];
  if (s.min_epochs < 1 || s.reduction_factor < 2) return out;
  for (let r = s.min_epochs; r < s.max_epochs; r *= s.reduction_factor) out.push(r);
  return out;
}

/** numpy's default (linear) percentile of `values` at fraction p in [0, 1]. */
export function linearPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export class Asha {
  /** Per rung: trial -> score (larger is better, so min-mode values are negated). */
  private readonly recorded = new Map<number, Map<string, number>>();
  private readonly records: AshaRecord[] = [];
  readonly rungs: readonly number[];

  constructor(readonly settings: AshaSettings) {
    this.rungs = rungs(settings);
    for (const r of this.rungs) this.recorded.set(r, new Map());
  }

  /** A scheduler in the state another one logged: its decisions replayed in their order. */
  static fromJSON(state: AshaState): Asha {
    const asha = new Asha(state.settings);
    for (const r of state.log) asha.report(r.trial, r.epoch, r.value);
    return asha;
  }

  toJSON(): AshaState {
    return { type: 'asha', settings: this.settings, log: [...this.records] };
  }

  get log(): readonly AshaRecord[] {
    return this.records;
  }

  private score(value: number): number {
    if (!Number.isFinite(value)) return Number.NEGATIVE_INFINITY;
    return this.settings.mode === 'min' ? -value : value;
  }

  /**
   * The trial reports its metric at the end of an epoch of the scheduled stage. At the highest
   * rung it has reached and not yet been judged at, it is judged against the trials recorded there
   * before it; elsewhere it continues. The record of a judgement is returned as well as logged.
   */
  report(trial: string, epoch: number, value: number): AshaDecision {
    return this.judge(trial, epoch, value)?.decision ?? 'continue';
  }

  /** Like `report`, with the record of the judgement when one was made. */
  judge(trial: string, epoch: number, value: number): AshaRecord | undefined {
    for (let k = this.rungs.length - 1; k >= 0; k--) {
      const rung = this.rungs[k]!;
      const seen = this.recorded.get(rung)!;
      if (epoch < rung || seen.has(trial)) continue;
      const score = this.score(value);
      const others = [...seen.values()];
      const cutoff = others.length ? linearPercentile(others, 1 - 1 / this.settings.reduction_factor) : undefined;
      const stop = score === Number.NEGATIVE_INFINITY || (cutoff !== undefined && score < cutoff);
      seen.set(trial, score);
      const record: AshaRecord = {
        trial,
        rung,
        epoch,
        value,
        ...(cutoff !== undefined ? { cutoff: this.settings.mode === 'min' ? -cutoff : cutoff } : {}),
        decision: stop ? 'stop' : 'continue',
      };
      this.records.push(record);
      return record;
    }
    return undefined;
  }

  /** The trials stopped so far, with the rung each was stopped at. */
  stopped(): Map<string, number> {
    return new Map(this.records.filter((r) => r.decision === 'stop').map((r) => [r.trial, r.rung]));
  }
}

/** Why a trial stopped, in words, from its record. */
export function stopReason(record: AshaRecord, settings: Pick<AshaSettings, 'metric' | 'reduction_factor'>): string {
  const value = Number.isFinite(record.value) ? record.value.toPrecision(4) : String(record.value);
  if (record.cutoff === undefined || !Number.isFinite(record.value))
    return `${settings.metric} ${value} at epoch ${record.epoch} is not a number to rank (ASHA rung ${record.rung})`;
  return `${settings.metric} ${value} at epoch ${record.epoch} is outside the top 1/${settings.reduction_factor} of the trials at ASHA rung ${record.rung} (cutoff ${record.cutoff.toPrecision(4)})`;
}
