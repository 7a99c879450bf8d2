/**
 * ASHA against the full search it replaces (issue 23's benchmark): one random search of the dense
 * autoencoder (learning rate log-uniform, latent size an integer; the same configurations both
 * times, drawn from the experiment's seed), run once with every trial trained to the end and once
 * under `sweep.scheduler: asha`. Both with --no-cache, so that neither serves the other's stages.
 * Prints the epochs trained, the wall time and the best validation loss of each, from the sweeps'
 * own folders (metrics.jsonl of each trial: the best is the lowest final val_loss of a trial that
 * trained every epoch).
 * Usage: npm run bench:asha -- [--samples 27] [--train 10000] [--validation 5000] [--epochs 27]
 *   [--parallel 2] [--backend auto]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '27' },
    train: { type: 'string', default: '10000' },
    validation: { type: 'string', default: '5000' },
    epochs: { type: 'string', default: '27' },
    parallel: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'auto' },
  },
});

// The scheduler reads only val_*; the test split is cut to the validation split's size so that the
// trials' analyses (scored on the test codes) weigh as little as the issue's budget allows.
const experiment = (scheduler: boolean) => `name: bench-asha-${scheduler ? 'asha' : 'full'}
seed: 23
data:
  digits: { source: mnist, train: ${values.train}, validation: ${values.validation}, test: ${values.validation} }
stages:
  ae:
    type: autoencoder
    input: digits
    variant: undercomplete
    latent: 16
    train: { epochs: ${values.epochs}, batch_size: 128, optimizer: { name: adam, learning_rate: 0.001 } }
sweep:
  random:
    samples: ${values.samples}
    params:
      stages.ae.train.optimizer.learning_rate: { log_uniform: [0.0001, 0.1] }
      stages.ae.latent: { int: [2, 64] }
  parallel: ${values.parallel}
${scheduler ? '  scheduler: { type: asha, stage: ae, metric: val_loss, mode: min, min_epochs: 1, reduction_factor: 3 }\n' : ''}`;

interface Outcome {
  readonly seconds: number;
  readonly epochs: number;
  readonly trials: number;
  readonly stopped: number;
  readonly complete: number;
  readonly best?: { trial: string; valLoss: number; assignment: unknown };
}

async function run(scheduler: boolean, dir: string): Promise<Outcome> {
  const file = path.join(dir, `${scheduler ? 'asha' : 'full'}.yaml`);
  await writeFile(file, experiment(scheduler));
  const runs = path.join(dir, scheduler ? 'runs-asha' : 'runs-full');
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [CLI, 'run', file, '--no-cache', '--runs', runs, '--backend', values.backend], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    }).on('close', resolve),
  );
  const seconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`aelab run ${file} exited with ${code}`);
  const [sweep] = (await readdir(runs)).filter((d) => !d.startsWith('.'));
  const sweepDir = path.join(runs, sweep!);
  const record = JSON.parse(await readFile(path.join(sweepDir, 'run.json'), 'utf8')) as {
    trials: Record<string, { status: string; assignment: unknown }>;
  };
  const budget = Number(values.epochs);
  let epochs = 0;
  let complete = 0;
  let best: Outcome['best'];
  for (const [id, t] of Object.entries(record.trials)) {
    const lines = (await readFile(path.join(sweepDir, 'trials', id, 'metrics.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { stage: string; key: string; value: number; step: number });
    const val = lines.filter((l) => l.stage === 'ae' && l.key === 'val_loss');
    const last = Math.max(0, ...val.map((l) => l.step));
    epochs += last;
    if (last < budget) continue;
    complete++;
    const final = val.find((l) => l.step === last)!.value;
    if (!best || final < best.valLoss) best = { trial: id, valLoss: final, assignment: t.assignment };
  }
  const stopped = Object.values(record.trials).filter((t) => t.status === 'stopped').length;
  return { seconds, epochs, trials: Object.keys(record.trials).length, stopped, complete, ...(best ? { best } : {}) };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-bench-asha-'));
process.stdout.write(
  `bench:asha: ${values.samples} configurations, ${values.train} training digits, ${values.validation} validation digits, up to ${values.epochs} epochs, ${values.parallel} trials at once (in ${dir})\n`,
);
const full = await run(false, dir);
const asha = await run(true, dir);
const line = (name: string, o: Outcome) =>
  `${name.padEnd(5)} ${String(o.epochs).padStart(6)} epochs  ${o.seconds.toFixed(0).padStart(6)} s wall  ${o.complete}/${o.trials} trials to the end, ${o.stopped} stopped  best val_loss ${o.best ? `${o.best.valLoss.toFixed(5)} (${o.best.trial} ${JSON.stringify(o.best.assignment)})` : '-'}`;
process.stdout.write(`${line('full', full)}\n${line('asha', asha)}\n`);
if (full.best && asha.best)
  process.stdout.write(
    `asha/full: ${((100 * asha.epochs) / full.epochs).toFixed(1)}% of the epochs, ${((100 * asha.seconds) / full.seconds).toFixed(1)}% of the wall time; best val_loss ${(100 * (asha.best.valLoss / full.best.valLoss - 1)).toFixed(2)}% from the full search's\n`,
  );
