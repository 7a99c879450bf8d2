/**
 * The benchmark table from finished runs: for each autoencoder stage, probe and kNN accuracy
 * of its test codes (95% intervals), the CNN on its reconstructions, and what the analyses took
 * against its training. Give it run folders, or a sweep folder (its trials are read).
 *
 *   npx aelab run experiments/variants.yaml --wasm-threads 1
 *   npx aelab run experiments/sweep-latent.yaml --parallel 1
 *   npm run build && node dist/bench/analysis-table.js runs/<variants run> runs/<sweep>
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Analysis {
  probe: { accuracy: number; interval95: [number, number] };
  knn: { accuracy: number; interval95: [number, number] };
  seconds: Record<string, number>;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const folders = process.argv.slice(2).flatMap((dir) => {
  const trials = path.join(dir, 'trials');
  return existsSync(trials) ? readdirSync(trials).map((t) => path.join(trials, t)) : [dir];
});
console.log('| run | stage | probe (95%) | kNN k=5 (95%) | CNN on reconstructions | analyses / training |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const dir of folders) {
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {
    stages: Record<string, { type: string; input?: string }>;
  };
  const run = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as {
    id: string;
    stages: Record<string, { metrics: Record<string, number> }>;
  };
  for (const [name, stage] of Object.entries(config.stages)) {
    const file = path.join(dir, 'stages', name, 'analysis.json');
    if (stage.type !== 'autoencoder' || !existsSync(file)) continue;
    const a = JSON.parse(readFileSync(file, 'utf8')) as Analysis;
    const cnn = Object.entries(config.stages).find(([, s]) => s.input === `${name}.reconstructions`)?.[0];
    const cnnAcc = cnn ? run.stages[cnn]?.metrics.test_acc : undefined;
    const { training, ...rest } = a.seconds;
    const spent = Object.values(rest).reduce((x, y) => x + y, 0);
    console.log(
      `| ${run.id} | ${name} | ${pct(a.probe.accuracy)} (${pct(a.probe.interval95[0])}-${pct(a.probe.interval95[1])}) | ` +
        `${pct(a.knn.accuracy)} (${pct(a.knn.interval95[0])}-${pct(a.knn.interval95[1])}) | ${cnnAcc !== undefined ? pct(cnnAcc) : '-'} | ` +
        `${spent.toFixed(1)} s / ${(training ?? NaN).toFixed(1)} s |`,
    );
  }
}
