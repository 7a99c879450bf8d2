import type { Distribution, SweepConfig } from '../types/experiment-config.js';
import { mulberry32 } from '../util/random.js';

/** One point of a sweep: dotted setting path -> value. */
export type Assignment = Readonly<Record<string, unknown>>;

function cartesian(grid: Readonly<Record<string, readonly unknown[]>>): Assignment[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points;
}

function zipped(zip: Readonly<Record<string, readonly unknown[]>>): Assignment[] {
  const entries = Object.entries(zip);
  const length = Math.min(...entries.map(([, v]) => v.length));
  return Array.from({ length }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, v[i]])));
}

function draw(d: Distribution, random: () => number): unknown {
  if ('choice' in d) return d.choice[Math.floor(random() * d.choice.length)];
  if ('uniform' in d) return d.uniform[0] + random() * (d.uniform[1] - d.uniform[0]);
  if ('log_uniform' in d) {
    const [lo, hi] = d.log_uniform.map(Math.log) as [number, number];
    return Math.exp(lo + random() * (hi - lo));
  }
  const [lo, hi] = d.int;
  return lo + Math.floor(random() * (hi - lo + 1));
}

/**
 * The trials of a sweep: the grid's Cartesian product, crossed with the zip's rows, crossed with
 * the random samples (drawn from the experiment's seed, so a sweep is the same every time).
 * No sweep is one trial with no assignments.
 */
export function expandSweep(sweep: SweepConfig | undefined, seed: number): Assignment[] {
  if (!sweep) return [{}];
  let points: Assignment[] = sweep.grid ? cartesian(sweep.grid) : [{}];
  if (sweep.zip) {
    const rows = zipped(sweep.zip);
    points = points.flatMap((p) => rows.map((r) => ({ ...p, ...r })));
  }
  if (sweep.random) {
    const random = mulberry32(seed ^ 0x5eed);
    const samples = Array.from({ length: sweep.random.samples }, () =>
      Object.fromEntries(Object.entries(sweep.random!.params).map(([k, d]) => [k, draw(d, random)])),
    );
    points = points.flatMap((p) => samples.map((s) => ({ ...p, ...s })));
  }
  return points;
}
