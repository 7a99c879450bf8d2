/**
 * ASHA's settings replayed on a full search's learning curves, with no training: a sweep run in
 * full (`npm run bench:asha` keeps its folders, `runs-full/<sweep>`) records every trial's metric
 * at every epoch and when it came, which is everything ASHA's decisions depend on. This script
 * puts those curves through aelab's own scheduler (src/plan/asha.ts) in the order a sweep with
 * `--parallel` workers would have reported them, using each trial's measured start-up, epoch and
 * end times, and prints, for each (min_epochs, reduction_factor), the epochs ASHA would have
 * trained and its best final metric against the full search's.
 *
 * `--check <asha sweep>`: first replay the settings of a real ASHA run of the same configurations
 * and compare the replayed decisions with its scheduler.json, so that the timing model is shown
 * to reproduce a real run before its other answers are read.
 *
 *   node dist/bench/asha-replay.js --full DIR [--check DIR] [--parallel 2] [--min-epochs 1,2,3,5,9] [--reduction 2,3,4]
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Asha, type AshaRecord } from '../src/plan/asha.js';
import { mulberry32, permutation } from '../src/util/random.js';

const { values } = parseArgs({
  options: {
    full: { type: 'string' },
    check: { type: 'string' },
    parallel: { type: 'string', default: '2' },
    'min-epochs': { type: 'string', default: '1,2,3,5,9' },
    reduction: { type: 'string', default: '2,3,4' },
    orders: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.full) throw new Error('--full DIR: the folder of a sweep run without a scheduler');

interface Curve {
  readonly trial: string;
  /** The metric after each epoch (index 0 = epoch 1). */
  readonly values: number[];
  /** Seconds from the trial's start to the end of each epoch. */
  readonly ends: number[];
  /** Seconds from the last epoch to the trial's end (the analyses, which a stopped stage skips). */
  readonly tail: number;
}

interface SweepSettings {
  readonly stage: string;
  readonly metric: string;
  readonly mode: 'min' | 'max';
}

async function curves(sweepDir: string, s: SweepSettings): Promise<Curve[]> {
  const trialsDir = path.join(sweepDir, 'trials');
  const out: Curve[] = [];
  for (const trial of (await readdir(trialsDir)).sort()) {
    const record = JSON.parse(await readFile(path.join(trialsDir, trial, 'run.json'), 'utf8')) as {
      start_time: string;
      end_time: string;
    };
    const start = Date.parse(record.start_time) / 1000;
    const lines = (await readFile(path.join(trialsDir, trial, 'metrics.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { stage: string; key: string; value: number; step: number; time: number })
      .filter((l) => l.stage === s.stage && l.key === s.metric)
      .sort((a, b) => a.step - b.step);
    lines.forEach((l, i) => {
      if (l.step !== i + 1) throw new Error(`${trial}: epoch ${i + 1} of ${s.metric} is missing`);
    });
    const last = lines.at(-1);
    if (!last) throw new Error(`${trial}: no ${s.stage}/${s.metric} recorded`);
    out.push({
      trial,
      values: lines.map((l) => l.value),
      ends: lines.map((l) => l.time / 1000 - start),
      tail: Date.parse(record.end_time) / 1000 - last.time / 1000,
    });
  }
  return out;
}

interface Outcome {
  readonly epochs: number;
  readonly seconds: number;
  readonly best: { trial: string; value: number };
  readonly log: readonly AshaRecord[];
}

/**
 * Trials start in their order on `parallel` workers; a worker takes the next trial when its trial
 * ends (at its last epoch, or when ASHA stops it). Reports are handled in the order of their times.
 */
function replay(all: Curve[], settings: ConstructorParameters<typeof Asha>[0], parallel: number): Outcome {
  const asha = new Asha(settings);
  const budget = settings.max_epochs;
  const queue = [...all];
  // An event: trial c, started at `start` on `worker`, reports epoch e at time t.
  const events: { t: number; c: Curve; e: number; start: number; worker: number }[] = [];
  const workerFree = Array.from({ length: parallel }, () => 0);
  const startNext = (worker: number) => {
    const c = queue.shift();
    if (!c) return;
    const start = workerFree[worker]!;
    events.push({ t: start + c.ends[0]!, c, e: 1, start, worker });
  };
  for (let w = 0; w < parallel; w++) startNext(w);
  let epochs = 0;
  let best: Outcome['best'] | undefined;
  const better = (a: number, b: number) => (settings.mode === 'min' ? a < b : a > b);
  while (events.length) {
    events.sort((a, b) => a.t - b.t);
    const ev = events.shift()!;
    epochs++;
    const value = ev.c.values[ev.e - 1]!;
    const decision = ev.e < budget ? asha.report(ev.c.trial, ev.e, value) : 'continue';
    if (ev.e === budget || decision === 'stop') {
      if (ev.e === budget && (!best || better(value, best.value))) best = { trial: ev.c.trial, value };
      workerFree[ev.worker] = ev.t + (ev.e === budget ? ev.c.tail : 0);
      startNext(ev.worker);
      continue;
    }
    events.push({ ...ev, t: ev.start + ev.c.ends[ev.e]!, e: ev.e + 1 });
  }
  if (!best) throw new Error('no trial reached the end');
  return { epochs, seconds: Math.max(...workerFree), best, log: asha.log };
}

const full = values.full;
const schedulerOf = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'scheduler.json'), 'utf8')) as {
    settings: ConstructorParameters<typeof Asha>[0];
    log: AshaRecord[];
  };

/** The scheduled stage's epoch budget in the full search. */
async function epochBudget(dir: string, stage: string): Promise<number> {
  const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as {
    stages: Record<string, { train?: { epochs?: number } }>;
  };
  const epochs = config.stages[stage]?.train?.epochs;
  if (!epochs) throw new Error(`${dir}/config.json: stage ${stage} has no epoch budget`);
  return epochs;
}

const parallel = Number(values.parallel);
let base: SweepSettings = { stage: 'ae', metric: 'val_loss', mode: 'min' };
if (values.check) {
  const real = await schedulerOf(values.check);
  base = real.settings;
  const replayed = replay(await curves(full, base), real.settings, parallel);
  const key = (r: AshaRecord) => `${r.trial}@${r.rung}:${r.decision}`;
  const same = real.log.length === replayed.log.length && real.log.every((r, i) => key(r) === key(replayed.log[i]!));
  const sorted = (log: readonly AshaRecord[]) => log.map(key).sort().join(' ');
  const sameSet = sorted(real.log) === sorted(replayed.log);
  process.stdout.write(
    `check against ${values.check}: ${real.log.length} real decisions, ${replayed.log.length} replayed; ` +
      `${same ? 'the same decisions in the same order' : sameSet ? 'the same decisions, in another order' : 'DIFFERENT decisions'}\n`,
  );
  if (!same) {
    const at = real.log.findIndex((r, i) => !replayed.log[i] || key(r) !== key(replayed.log[i]));
    process.stdout.write(
      `  first difference at decision ${at + 1}: real ${key(real.log[at]!)}, replayed ${replayed.log[at] ? key(replayed.log[at]) : '(none)'}\n`,
    );
  }
}
const all = await curves(full, base);
const budget = await epochBudget(full, base.stage);
const better = (a: number, b: number) => (base.mode === 'min' ? a < b : a > b);
const fullBest = all
  .map((c) => ({ trial: c.trial, value: c.values[budget - 1]! }))
  .reduce((a, b) => (better(b.value, a.value) ? b : a));
const fullEpochs = all.reduce((n, c) => n + c.values.length, 0);
const orders = Number(values.orders);
// The trials' order is the one thing a sweep does not fix (a random search's sample order, which
// worker is free first), and ASHA's decisions depend on it: each setting is replayed in the
// trials' own order and in `--orders` seeded random orders.
const rng = mulberry32(Number(values.seed));
const shuffled = Array.from({ length: orders }, () => [...permutation(all.length, rng)].map((i) => all[i]!));
const pct = (x: number) => `${x.toFixed(1)}%`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  `full search: ${all.length} trials, ${fullEpochs} epochs, best ${base.metric} ${fullBest.value.toFixed(5)} (${fullBest.trial}); ` +
    `${parallel} at once; ${orders} random trial orders (seed ${values.seed})\n\n` +
    `| min_epochs | reduction_factor | rungs | in the trials' order: epochs, best (from the full best) | random orders: median epochs (max) | best within 2% | best found |\n` +
    `| ---: | ---: | --- | --- | --- | ---: | ---: |\n`,
);
for (const m of values['min-epochs'].split(',').map(Number)) {
  for (const r of values.reduction.split(',').map(Number)) {
    const settings = { ...base, min_epochs: m, reduction_factor: r, max_epochs: budget };
    const own = replay(all, settings, parallel);
    const gap = (o: Outcome) => 100 * (o.best.value / fullBest.value - 1);
    const outcomes = shuffled.map((order) => replay(order, settings, parallel));
    const fractions = outcomes.map((o) => (100 * o.epochs) / fullEpochs);
    const within = outcomes.filter((o) => Math.abs(gap(o)) <= 2).length;
    const found = outcomes.filter((o) => o.best.trial === fullBest.trial).length;
    process.stdout.write(
      `| ${m} | ${r} | ${new Asha(settings).rungs.join(', ')} | ${own.epochs} (${pct((100 * own.epochs) / fullEpochs)}), ${own.best.value.toFixed(5)} (${gap(own) >= 0 ? '+' : ''}${gap(own).toFixed(2)}%) | ` +
        `${pct(median(fractions))} (${pct(Math.max(...fractions))}) | ${pct((100 * within) / orders)} | ${pct((100 * found) / orders)} |\n`,
    );
  }
}
