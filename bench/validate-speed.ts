import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../src/util/package-root.js';
import { tracedCli } from './support/trace-run.js';

/**
 * How long `aelab validate` and `aelab plan` take on the seed experiment, as a person sees it:
 * a fresh process each time, wall clock, median of N runs (after one warm-up for the disk cache).
 * Also proves, with a module trace, that neither loads TensorFlow.js.
 *
 *   npx tsc -p . && node dist/bench/validate-speed.js [runs]
 */
const root = packageRoot();
const runs = Number(process.argv[2] ?? 10);
const file = 'experiments/seed-mnist-ae.yaml';
const cli = path.join(root, 'dist/src/cli/main.js');

function time(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    if (i > 0) times.push(ms); // the first run warms the file cache
  }
  return times.sort((a, b) => a - b);
}

const median = (xs: number[]) =>
  xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
const row = (label: string, xs: number[]) =>
  `${label.padEnd(34)} median ${median(xs).toFixed(0).padStart(4)} ms   min ${xs[0]!.toFixed(0).padStart(4)} ms   max ${xs[xs.length - 1]!.toFixed(0).padStart(4)} ms`;

let failed = false;
for (const command of ['validate', 'plan']) {
  const traced = tracedCli([command, file], root);
  const tf = traced.modules.filter((m) => m.includes('@tensorflow'));
  if (traced.status !== 0 || traced.modules.length === 0 || tf.length > 0) {
    failed = true;
    process.stdout.write(
      `FAIL ${command}: exit ${traced.status}, ${traced.modules.length} modules traced, @tensorflow modules: ${tf.join(', ') || 'none'}\n`,
    );
  } else {
    process.stdout.write(`${command}: ${traced.modules.length} modules loaded, none from @tensorflow\n`);
  }
}

process.stdout.write(`\n${runs} runs each, ${file}, node ${process.version}:\n`);
process.stdout.write(`${row('node -e 0 (startup alone)', time(['-e', '0']))}\n`);
const validate = time([cli, 'validate', file]);
process.stdout.write(`${row('aelab validate', validate)}\n`);
process.stdout.write(`${row('aelab plan', time([cli, 'plan', file]))}\n`);
process.stdout.write(`\ntarget: validate under 300 ms: ${median(validate) < 300 ? 'met' : 'NOT met'}\n`);
process.exitCode = failed ? 1 : 0;
