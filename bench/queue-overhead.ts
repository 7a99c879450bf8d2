/**
 * The job queue against the local executor, on one machine, in one invocation (timings on a
 * shared machine are noisy, so both sides run back to back):
 *   1. overhead per trial: a 4-trial sweep of tiny trials (--no-cache, so every trial does the
 *      same work) run by the local executor one trial at a time, and through the queue by one
 *      worker taking one trial at a time; (queue - local) / 4 (aim: under 100 ms a trial);
 *   2. scale-out: a 4-trial sweep through 2 workers of one trial and one wasm thread each,
 *      against 1 such worker (aim: at most 0.6x the wall time).
 * Times are the sweep's own duration_s (submission to the last trial's end), so the CLI's and
 * the backend's start-up are outside both. Starts Debian's redis-server on a free port.
 * Usage: npm run build && node dist/bench/queue-overhead.js [--train N] [--epochs N] [--repeat N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '2' },
    repeat: { type: 'string', default: '3' },
  },
});

const sweepFile = (train: string, epochs: string) => `name: bench-queue
seed: 1
data:
  digits: { source: mnist, train: ${train}, test: 200 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 16
    train: { epochs: ${epochs}, batch_size: 64 }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [32]
    train: { epochs: ${epochs}, batch_size: 64 }
sweep:
  grid: { stages.ae.latent: [4, 8, 16, 32] }
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function cli(args: string[], cwd: string, quiet = true): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: quiet ? 'ignore' : 'inherit',
      env: { ...process.env, AELAB_WASM_THREADS: '1' },
    });
    child.on('close', resolve);
  });
}

async function startRedis(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--appendonly',
      'yes',
      '--dir',
      dir,
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const pong = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
      s.on('data', (d) => {
        resolve(d.toString().startsWith('+PONG'));
        s.destroy();
      });
      s.on('error', () => resolve(false));
    });
    if (pong) return { url: `redis://127.0.0.1:${port}`, child };
    await sleep(100);
  }
  throw new Error('redis-server did not answer');
}

async function startWorker(url: string, runs: string): Promise<ChildProcess> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'aelab-bench-worker-'));
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--queue', url, '--runs', runs, '--concurrency', '1', '--wasm-threads', '1'],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('taking trials from')) resolve();
    });
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((resolve) => child.on('close', resolve));
  child.kill('SIGTERM');
  await done;
}

/**
 * The newest sweep's duration_s under runs/, and its time outside its trials: the sweep's
 * duration less the sum of its trials' own (each from its start, before the trial process is
 * forked, to its end), per trial. With one trial at a time that gap is what the executor adds:
 * forking and following locally; submitting, a worker's pick-up and the news of the end through
 * Redis on the queue. The machine's load lengthens the trials, which are subtracted, far more
 * than the gap.
 */
async function lastSweep(runs: string): Promise<{ seconds: number; gapPerTrial: number }> {
  const ids = (await readdir(runs)).filter((d) => !d.startsWith('.')).sort();
  const dir = path.join(runs, ids.at(-1)!);
  const record = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as {
    status: string;
    duration_s: number;
    trials: Record<string, unknown>;
  };
  if (record.status !== 'finished') throw new Error(`sweep ${ids.at(-1)} ${record.status}`);
  const trials = Object.keys(record.trials);
  let inTrials = 0;
  for (const t of trials) {
    const trial = JSON.parse(await readFile(path.join(dir, 'trials', t, 'run.json'), 'utf8')) as { duration_s: number };
    inTrials += trial.duration_s;
  }
  return { seconds: record.duration_s, gapPerTrial: (record.duration_s - inTrials) / trials.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-bench-queue-'));
  const runs = path.join(dir, 'runs');
  const redis = await startRedis(dir);
  const workers: ChildProcess[] = [];
  try {
    // Warm the data cache so that neither side pays for converting MNIST.
    await writeFile(path.join(dir, 'tiny.yaml'), sweepFile('200', '1'));
    await cli(['run', 'tiny.yaml', '--runs', runs, '--backend', 'wasm', '--parallel', '1', '--no-cache'], dir);

    // 1. Overhead per trial: tiny trials, one at a time on both sides.
    workers.push(await startWorker(redis.url, runs));
    const local: { seconds: number; gapPerTrial: number }[] = [];
    const queued: { seconds: number; gapPerTrial: number }[] = [];
    for (let i = 0; i < Number(values.repeat); i++) {
      await cli(['run', 'tiny.yaml', '--runs', runs, '--backend', 'wasm', '--parallel', '1', '--no-cache'], dir);
      local.push(await lastSweep(runs));
      await cli(['run', 'tiny.yaml', '--runs', runs, '--backend', 'wasm', '--no-cache', '--queue', redis.url], dir);
      queued.push(await lastSweep(runs));
    }
    const show = (xs: { seconds: number; gapPerTrial: number }[]) =>
      xs
        .map((x) => `${x.seconds.toFixed(2)} s (${(x.gapPerTrial * 1000).toFixed(0)} ms a trial outside trials)`)
        .join(', ');
    const overheadMs = (median(queued.map((x) => x.gapPerTrial)) - median(local.map((x) => x.gapPerTrial))) * 1000;
    console.log(`tiny 4-trial sweep (200 digits, 1 epoch), one trial at a time:`);
    console.log(`  local executor:      ${show(local)}`);
    console.log(`  queue, 1 worker:     ${show(queued)}`);
    console.log(
      `queue overhead per trial (median gap, queue - local): ${overheadMs.toFixed(0)} ms (aim: under 100 ms)`,
    );

    // 2. Scale-out: 1 worker against 2, one trial and one thread each.
    await writeFile(path.join(dir, 'sweep.yaml'), sweepFile(values.train, values.epochs));
    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < Number(values.repeat); i++) {
      await cli(['run', 'sweep.yaml', '--runs', runs, '--backend', 'wasm', '--no-cache', '--queue', redis.url], dir);
      one.push((await lastSweep(runs)).seconds);
      workers.push(await startWorker(redis.url, runs));
      await cli(['run', 'sweep.yaml', '--runs', runs, '--backend', 'wasm', '--no-cache', '--queue', redis.url], dir);
      two.push((await lastSweep(runs)).seconds);
      await stop(workers.pop()!);
    }
    const ratio = median(two) / median(one);
    console.log(
      `4-trial sweep (${values.train} digits, ${values.epochs} epochs): 1 worker ${one.map((s) => s.toFixed(1)).join('/')} s, 2 workers ${two.map((s) => s.toFixed(1)).join('/')} s`,
    );
    console.log(
      `2 workers / 1 worker (medians): ${ratio.toFixed(2)}x the wall time (aim: at most 0.6x); ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    for (const w of workers) await stop(w);
    redis.child.kill('SIGTERM');
    await new Promise((resolve) => redis.child.on('close', resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
