/**
 * The autoencoder's probes against its training, in one sitting on one backend: runs the real
 * stage (`experiments/variants.yaml`'s `undercomplete`, 784-32-784 on the official 60,000 / 10,000
 * split) through the CLI for a few epochs in a temporary folder, reads what its analyses took
 * from analysis.json, and scales the training to the stage's own epochs: the first epoch (set-up
 * included) plus the median of the later ones for each epoch left. The machine may be shared, so
 * what carries over is the ratio (probe + kNN) / training, not the seconds.
 *
 *   npm run build && node dist/bench/probes-vs-training.js --backend tensorflow [--epochs 3]
 *   node dist/bench/probes-vs-training.js --backend wasm --epochs 2
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { packageRoot } from '../src/util/package-root.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'tensorflow' },
    epochs: { type: 'string', default: '3' },
    stage: { type: 'string', default: 'undercomplete' },
    keep: { type: 'boolean', default: false },
  },
});
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 2) throw new Error('--epochs must be 2 or more (the first epoch is set-up)');
const root = packageRoot();
const variants = parse(readFileSync(path.join(root, 'experiments/variants.yaml'), 'utf8')) as {
  seed: number;
  data: unknown;
  stages: Record<string, { train: { epochs: number } }>;
};
const stage = variants.stages[values.stage];
if (!stage) throw new Error(`variants.yaml has no stage ${values.stage}`);
const fullEpochs = stage.train.epochs;
const dir = mkdtempSync(path.join(os.tmpdir(), 'aelab-probes-'));
const file = path.join(dir, 'probes.yaml');
writeFileSync(
  file,
  stringify({
    name: 'probes-vs-training',
    seed: variants.seed,
    data: variants.data,
    stages: { [values.stage]: { ...stage, train: { ...stage.train, epochs } } },
  }),
);

const out: string[] = [];
const code = await new Promise<number | null>((resolve) => {
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/src/cli/main.js'), 'run', file, '--no-cache', '--backend', values.backend],
    { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child.stdout.on('data', (b: Buffer) => {
    process.stdout.write(b);
    out.push(b.toString());
  });
  child.on('close', resolve);
});
if (code !== 0) throw new Error(`aelab run exited with ${code}`);

const epochSeconds = [
  ...out.join('').matchAll(new RegExp(`^${values.stage} epoch \\d+/\\d+ .*\\((\\d+(?:\\.\\d+)?)s\\)$`, 'gm')),
].map((m) => Number(m[1]));
if (epochSeconds.length !== epochs) throw new Error(`read ${epochSeconds.length} epoch times, expected ${epochs}`);
const later = epochSeconds.slice(1).sort((a, b) => a - b);
const median =
  later.length % 2 ? later[(later.length - 1) / 2]! : (later[later.length / 2 - 1]! + later[later.length / 2]!) / 2;
const scaled = epochSeconds[0]! + (fullEpochs - 1) * median;
const runs = path.join(dir, 'runs');
const run = readdirSync(runs).find((d) => !d.startsWith('.'));
const analysis = JSON.parse(readFileSync(path.join(runs, run!, 'stages', values.stage, 'analysis.json'), 'utf8')) as {
  probe: { accuracy: number };
  knn: { accuracy: number };
  seconds: Record<string, number>;
};
const s = analysis.seconds;
const probes = s.probe! + s.knn!;
console.log(
  `\n${values.stage} on ${values.backend}: epochs ${epochSeconds.map((e) => e.toFixed(1)).join(', ')} s; ` +
    `scaled to ${fullEpochs} epochs ${scaled.toFixed(1)} s`,
);
console.log(
  `probe ${s.probe!.toFixed(2)} s (accuracy ${analysis.probe.accuracy}), kNN ${s.knn!.toFixed(2)} s (accuracy ${analysis.knn.accuracy}); ` +
    `latent map ${s.latent_map!.toFixed(2)} s`,
);
console.log(`(probe + kNN) / training: ${((100 * probes) / scaled).toFixed(1)}% of ${fullEpochs} epochs`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
