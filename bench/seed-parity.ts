/**
 * Seed parity: the assignment's own Keras code beside `aelab run experiments/seed-mnist-ae.yaml`,
 * on the same official MNIST split (60,000 training, 10,000 test digits), on this machine.
 *
 *   npm run bench:seed                                   # Keras twice, then aelab per backend
 *   node dist/bench/seed-parity.js --backends tensorflow  # one backend
 *   node dist/bench/seed-parity.js --keras-results FILE   # reuse Keras' JSON lines from a run
 *   node dist/bench/seed-parity.js --runs DIR             # keep aelab's run folders in DIR
 *   node dist/bench/seed-parity.js --keras-results K --aelab-results A   # the table again from --json output
 *   node dist/bench/seed-parity.js --set stages.ae.train.epochs=2 --set stages.cnn.train.epochs=1 \
 *        --set stages.cnn_raw.train.epochs=1 --keras-args "--epochs 2 --cnn-epochs 1"   # a quick check
 *
 * Keras (bench/keras_seed.py, in .venv-bench): the autoencoder with Adadelta at learning rate 1.0
 * (what the assignment ran, in Keras 2) followed by mnist_cnn on the raw digits and on the
 * reconstructions, then the autoencoder alone at today's Keras default (0.001). aelab: the seed
 * experiment as written, once per backend that loads (`--backend`), with the stage cache off.
 * Trainings run one after the other, never at once, so that each has the machine's cores.
 *
 * Prints test loss and binary accuracy of the autoencoders, test accuracy of both CNNs, and wall
 * times (Keras: its fit() calls and the whole process; aelab: each stage and the whole process),
 * then the issue's targets with the numbers they are judged on.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/util/package-root.js';

const EXPERIMENT = 'experiments/seed-mnist-ae.yaml';
const VENV_PYTHON = '.venv-bench/bin/python';
const GNU_TIME = '/usr/bin/time';

interface KerasRecord {
  readonly model: 'autoencoder' | 'cnn_raw' | 'cnn';
  readonly lr?: string;
  readonly epochs: number;
  readonly train: number;
  readonly test: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly fitSeconds: number;
  readonly fitCpuSeconds?: number;
  readonly processSeconds: number;
  readonly processCpuSeconds?: number;
  readonly versions?: Record<string, string>;
}

interface AelabStage {
  readonly status: string;
  readonly metrics: Record<string, number>;
  readonly seconds?: number;
}

interface AelabOutcome {
  readonly backend: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly wallSeconds: number;
  /** User + system CPU seconds of the run and its trial processes (GNU time), when available. */
  readonly cpuSeconds?: number;
  readonly peakRssMiB?: number;
  readonly backendLine?: string;
  readonly stages: Record<string, AelabStage>;
  readonly runDir?: string;
}

function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  echo: boolean,
): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (echo) process.stderr.write(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

function parseKeras(text: string): KerasRecord[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as KerasRecord);
}

async function runKeras(root: string, extra: readonly string[]): Promise<KerasRecord[]> {
  const python = path.join(root, VENV_PYTHON);
  if (!existsSync(python))
    throw new Error(`${VENV_PYTHON} not found: run npm run bench once to create it, or pass --no-keras`);
  const out: KerasRecord[] = [];
  for (const args of [
    ['--lr', '1.0', '--cnn'],
    ['--lr', 'default'],
  ]) {
    process.stderr.write(`keras: bench/keras_seed.py ${[...args, ...extra].join(' ')}\n`);
    const r = await run(python, [path.join(root, 'bench', 'keras_seed.py'), ...args, ...extra], root, true);
    if (r.code !== 0) throw new Error(`keras_seed.py failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    out.push(...parseKeras(r.stdout));
  }
  return out;
}

async function runAelab(
  root: string,
  backend: string,
  sets: readonly string[],
  keepIn: string | undefined,
): Promise<AelabOutcome> {
  const runs = keepIn
    ? mkdtempSync(path.join(path.resolve(keepIn), `${backend}-`))
    : mkdtempSync(path.join(os.tmpdir(), 'aelab-seed-parity-'));
  try {
    process.stderr.write(`aelab: run ${EXPERIMENT} --backend ${backend}\n`);
    const args = [
      path.join(root, 'dist', 'src', 'cli', 'main.js'),
      'run',
      EXPERIMENT,
      '--backend',
      backend,
      '--no-cache',
      '--runs',
      runs,
      ...sets.flatMap((s) => ['--set', s]),
    ];
    // GNU time reports the CPU seconds of the run and every process it waited for.
    const timeFile = path.join(runs, '.time');
    const timed = existsSync(GNU_TIME);
    const r = timed
      ? await run(GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...args], root, true)
      : await run(process.execPath, args, root, true);
    const [user, sys, maxKb] =
      timed && existsSync(timeFile)
        ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
        : [];
    const backendLine = r.stdout.split('\n').find((l) => l.startsWith('backend:'));
    const folder = readdirSync(runs).find((f) => !f.startsWith('.'));
    const record = folder
      ? (JSON.parse(readFileSync(path.join(runs, folder, 'run.json'), 'utf8')) as {
          stages?: Record<string, AelabStage>;
        })
      : undefined;
    const ok = r.code === 0 && record !== undefined;
    return {
      backend,
      ok,
      ...(ok ? {} : { error: (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ') }),
      wallSeconds: r.seconds,
      ...(user !== undefined && sys !== undefined ? { cpuSeconds: user + sys } : {}),
      ...(maxKb !== undefined ? { peakRssMiB: maxKb / 1024 } : {}),
      ...(backendLine ? { backendLine } : {}),
      stages: record?.stages ?? {},
    };
  } finally {
    if (!keepIn) rmSync(runs, { recursive: true, force: true });
  }
}

const fmt = (v: number | undefined, digits = 4): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
const pct = (v: number | undefined): string => (v === undefined ? '—' : `${(100 * v).toFixed(2)}%`);
const secs = (v: number | undefined): string => (v === undefined ? '—' : `${v.toFixed(0)} s`);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

function report(keras: readonly KerasRecord[], aelab: readonly AelabOutcome[]): string {
  const lines: string[] = [];
  const kAe = keras.find((k) => k.model === 'autoencoder' && k.lr === '1.0');
  const kAeDefault = keras.find((k) => k.model === 'autoencoder' && k.lr === 'default');
  const kRaw = keras.find((k) => k.model === 'cnn_raw');
  const kRec = keras.find((k) => k.model === 'cnn');
  const kTotal = kRec?.processSeconds ?? kAe?.processSeconds;
  const split = kAe ? `${kAe.train} training / ${kAe.test} test digits` : 'official split';
  lines.push(`Seed parity on official MNIST (${split}), ${os.cpus().length} cores`);
  if (kAe?.versions) lines.push(`Keras ${kAe.versions['keras']} on TensorFlow ${kAe.versions['tensorflow']} (CPU)`);
  lines.push('');
  const kTotalCpu = kRec?.processCpuSeconds ?? kAe?.processCpuSeconds;
  const rows: string[][] = [
    [
      '',
      'AE test loss',
      'AE bin. acc',
      'CNN raw acc',
      'CNN recon acc',
      'AE fit',
      'CNN raw fit',
      'CNN recon fit',
      'whole run',
      'CPU',
    ],
  ];
  if (kAe)
    rows.push([
      'Keras, adadelta lr 1.0',
      fmt(kAe.testLoss),
      fmt(kAe.testAccuracy),
      pct(kRaw?.testAccuracy),
      pct(kRec?.testAccuracy),
      secs(kAe.fitSeconds),
      secs(kRaw?.fitSeconds),
      secs(kRec?.fitSeconds),
      secs(kTotal),
      secs(kTotalCpu),
    ]);
  if (kAeDefault)
    rows.push([
      'Keras, adadelta default (0.001)',
      fmt(kAeDefault.testLoss),
      fmt(kAeDefault.testAccuracy),
      '',
      '',
      secs(kAeDefault.fitSeconds),
      '',
      '',
      secs(kAeDefault.processSeconds),
      secs(kAeDefault.processCpuSeconds),
    ]);
  for (const a of aelab) {
    if (!a.ok) {
      rows.push([`aelab ${a.backend}`, `not run: ${a.error ?? ''}`.slice(0, 60), '', '', '', '', '', '', '', '']);
      continue;
    }
    const { ae, cnn, cnn_raw: raw } = a.stages;
    rows.push([
      `aelab ${a.backend}`,
      fmt(ae?.metrics['test_loss']),
      fmt(ae?.metrics['test_binary_accuracy']),
      pct(raw?.metrics['test_acc']),
      pct(cnn?.metrics['test_acc']),
      secs(ae?.seconds),
      secs(raw?.seconds),
      secs(cnn?.seconds),
      secs(a.wallSeconds),
      secs(a.cpuSeconds),
    ]);
  }
  lines.push(table(rows));
  lines.push(
    '',
    'Keras "fit": its fit() calls; aelab stage times include predicting the reconstructions, saving and figures.',
  );
  lines.push(
    '"whole run": wall time of the process, start to end; "CPU": its user + system CPU seconds (less dependent on a shared machine\'s load).',
  );
  for (const a of aelab) if (a.backendLine) lines.push(`aelab --backend ${a.backend}: ${a.backendLine}`);

  lines.push('', 'Targets (issue 15):');
  for (const a of aelab.filter((x) => x.ok)) {
    const ae = a.stages['ae']?.metrics['test_loss'];
    const raw = a.stages['cnn_raw']?.metrics['test_acc'];
    const rec = a.stages['cnn']?.metrics['test_acc'];
    const mark = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? 'met' : 'NOT met');
    if (kAe && ae !== undefined) {
      const rel = (ae - kAe.testLoss) / kAe.testLoss;
      lines.push(
        `  ${a.backend}: AE test loss ${fmt(ae)} vs Keras ${fmt(kAe.testLoss)}: ${(100 * rel).toFixed(1)}% (within 5%: ${mark(Math.abs(rel) <= 0.05)})`,
      );
    }
    if (raw !== undefined) lines.push(`  ${a.backend}: CNN on raw digits ${pct(raw)} (>= 99.0%: ${mark(raw >= 0.99)})`);
    if (raw !== undefined && rec !== undefined)
      lines.push(
        `  ${a.backend}: CNN on reconstructions ${pct(rec)}, ${(100 * (raw - rec)).toFixed(2)} points below raw (within 1 point: ${mark(raw - rec <= 0.01)})`,
      );
    if (a.backend === 'tensorflow' && kTotal !== undefined) {
      const cpu =
        a.cpuSeconds !== undefined && kTotalCpu !== undefined
          ? `; CPU ${secs(a.cpuSeconds)} vs ${secs(kTotalCpu)}`
          : '';
      lines.push(
        `  ${a.backend}: whole seed experiment ${secs(a.wallSeconds)} vs Keras ${secs(kTotal)} (no longer: ${mark(a.wallSeconds <= kTotal)})${cpu}`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'tensorflow,wasm' },
      'no-keras': { type: 'boolean', default: false },
      'keras-results': { type: 'string' },
      'keras-args': { type: 'string', default: '' },
      set: { type: 'string', multiple: true, default: [] },
      json: { type: 'string' },
      /** Reuse aelab's outcomes from an earlier --json FILE instead of running aelab. */
      'aelab-results': { type: 'string' },
      /** Keep aelab's run folders under this folder (default: a temporary one, removed). */
      runs: { type: 'string' },
    },
  });
  const root = packageRoot();
  let keras: KerasRecord[] = [];
  if (values['keras-results']) keras = parseKeras(readFileSync(values['keras-results'], 'utf8'));
  else if (!values['no-keras']) keras = await runKeras(root, values['keras-args'].split(' ').filter(Boolean));

  const aelab: AelabOutcome[] = [];
  if (values['aelab-results'])
    aelab.push(...(JSON.parse(readFileSync(values['aelab-results'], 'utf8')) as { aelab: AelabOutcome[] }).aelab);
  else
    for (const backend of values.backends.split(',').filter(Boolean))
      aelab.push(await runAelab(root, backend, values.set, values.runs));

  console.log(report(keras, aelab));
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ keras, aelab }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
