/**
 * How long `aelab run` takes when every stage is cached, beside the same CLI run from its files
 * (dist/src/cli/cli.js, one module each, as before the bundle) and `node -e 0` (Node's own start),
 * in one sitting: the quickstart is run once to fill the cache, then the three are timed `--rounds`
 * times each, alternating. Numbers go to docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/util/package-root.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const root = packageRoot();
const dir = mkdtempSync(path.join(tmpdir(), 'aelab-rerun-'));
copyFileSync(path.join(root, 'experiments/quickstart.yaml'), path.join(dir, 'quickstart.yaml'));
const cli = [path.join(root, 'dist/src/cli/main.js'), 'run', 'quickstart.yaml'];
const files = [path.join(root, 'dist/src/cli/cli.js'), 'run', 'quickstart.yaml'];

function timed(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

timed(cli); // fills the stage cache
const rerun: number[] = [];
const fromFiles: number[] = [];
const bare: number[] = [];
for (let i = 0; i < rounds; i++) {
  rerun.push(timed(cli));
  fromFiles.push(timed(files));
  bare.push(timed(['-e', '0']));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(3)} s (min ${Math.min(...xs).toFixed(3)}, max ${Math.max(...xs).toFixed(3)})`;
process.stdout.write(
  `cached rerun of the quickstart: ${fmt(rerun)}\n` +
    `the same from the CLI's files:  ${fmt(fromFiles)}\n` +
    `node -e 0:                      ${fmt(bare)}\n` +
    `ratio of medians: ${(median(rerun) / median(bare)).toFixed(1)}x Node's start; ` +
    `${(median(rerun) / median(fromFiles)).toFixed(2)}x the files\n`,
);
