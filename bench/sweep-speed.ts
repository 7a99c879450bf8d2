/**
 * Sweep performance, as ratios measured in one invocation (timings on shared machines are noisy):
 *   1. a 4-trial sweep with --parallel 2 against --parallel 1 (target: at most 0.6x the wall time),
 *   2. a rerun of the unchanged sweep, every stage from the cache (target: under 2 s),
 *   3. the peak memory of all of the sweep's processes together, against a single trial's peak
 *      times `parallel` (target: never above).
 * Usage: npm run build && node dist/bench/sweep-speed.js [--train N] [--epochs N] [--backend wasm|tensorflow|cpu|auto]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { treeRssKiB } from './process-memory.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '8' },
    backend: { type: 'string', default: 'auto' },
  },
});
const backend = ['--backend', values.backend];

const experiment = `name: bench-sweep
seed: 1
data:
  digits: { source: mnist, train: ${values.train}, test: 500 }   # seeded subsets of official MNIST
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 16
    train: { epochs: ${values.epochs}, batch_size: 64 }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [64]
    train: { epochs: ${values.epochs}, batch_size: 64 }
sweep:
  grid: { stages.ae.latent: [4, 8, 16, 32] }
`;

async function timed(
  args: string[],
  cwd: string,
): Promise<{ seconds: number; peakMiB: number; trialsPeakMiB: number; code: number | null }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: 'ignore' });
  let peak = 0;
  let trialsPeak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKiB(child.pid!));
    trialsPeak = Math.max(trialsPeak, treeRssKiB(child.pid!, false));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  return { seconds: (Date.now() - started) / 1000, peakMiB: peak / 1024, trialsPeakMiB: trialsPeak / 1024, code };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-bench-sweep-'));
  await writeFile(path.join(dir, 'sweep.yaml'), experiment);
  await writeFile(path.join(dir, 'single.yaml'), experiment.replace(/sweep:[\s\S]*$/, ''));
  console.log(
    `machine: ${os.cpus().length} cores; backend ${values.backend}; 4 trials, ${values.train} digits, ${values.epochs} epochs per stage; folder ${dir}`,
  );

  await timed(['run', 'single.yaml', '--no-cache', ...backend], dir); // warm the data cache and the file system
  const single = await timed(['run', 'single.yaml', '--no-cache', ...backend], dir);
  // The machine's own ceiling: two independent runs at once against one, no sweep machinery.
  const started = Date.now();
  await Promise.all([
    timed(['run', 'single.yaml', '--no-cache', ...backend], dir),
    timed(['run', 'single.yaml', '--no-cache', ...backend], dir),
  ]);
  const pairSeconds = (Date.now() - started) / 1000;
  const one = await timed(['run', 'sweep.yaml', '--parallel', '1', '--no-cache', ...backend], dir);
  const two = await timed(['run', 'sweep.yaml', '--parallel', '2', '--no-cache', ...backend], dir);
  await timed(['run', 'sweep.yaml', '--parallel', '2', ...backend], dir); // fills the stage cache
  const rerun = await timed(['run', 'sweep.yaml', '--parallel', '2', ...backend], dir);
  for (const r of [single, one, two, rerun]) if (r.code !== 0) throw new Error('a run failed');

  const rows = [
    ['single trial (in-process)', single],
    ['sweep, --parallel 1', one],
    ['sweep, --parallel 2', two],
    ['sweep rerun, all cached', rerun],
  ] as const;
  console.log(
    '\n| what | wall time | peak memory, all processes | peak memory, trial processes |\n| --- | ---: | ---: | ---: |',
  );
  for (const [name, r] of rows)
    console.log(
      `| ${name} | ${r.seconds.toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB | ${r.trialsPeakMiB.toFixed(0)} MiB |`,
    );
  console.log(`\nparallel 2 / parallel 1 wall time: ${(two.seconds / one.seconds).toFixed(2)}x (target <= 0.60x)`);
  console.log(
    `the machine's ceiling: two independent runs at once take ${(pairSeconds / (2 * single.seconds)).toFixed(2)}x the time of two in a row (${pairSeconds.toFixed(1)} s against 2 x ${single.seconds.toFixed(1)} s)`,
  );
  console.log(`rerun of the unchanged sweep: ${rerun.seconds.toFixed(1)} s (target < 2 s)`);
  // The parent holds no model; it schedules, writes run records and talks to MLflow.
  console.log(
    `trial processes' peak with parallel 2: ${two.trialsPeakMiB.toFixed(0)} MiB; a single run's peak x 2: ${(single.peakMiB * 2).toFixed(0)} MiB (${two.trialsPeakMiB <= single.peakMiB * 2 ? 'within' : 'OVER'}); with the parent process: ${two.peakMiB.toFixed(0)} MiB`,
  );
}

await main();
