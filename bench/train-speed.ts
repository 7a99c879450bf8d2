/**
 * Training speed of aelab's tfjs backends against Keras on TensorFlow CPU, same machine, same
 * models, same data, same optimizer and batch size, in one invocation.
 *
 *   npm run bench                      # everything (about 2-3 minutes on 2 cores)
 *   node dist/bench/train-speed.js --models dense --backends wasm,cpu --no-keras
 *   node dist/bench/train-speed.js --variants aelab      # aelab's own training path only
 *   node dist/bench/train-speed.js --scale 2 --json bench-result.json
 *
 * Two tfjs variants per backend: `aelab` trains through aelab's own models and training loop
 * (src/models: what `aelab run` does, losses from logits included), `fit` is the same layers
 * trained with tfjs-layers' model.fit as it comes, for reference.
 *
 * Each (variant, backend, model) trains in its own process, so that its peak resident memory
 * (maxRSS) is its own and one backend's state cannot slow another: a warm-up of a few batches
 * (tracing, kernel set-up, allocator growth), then three rounds of a fixed number of batches, each
 * one epoch (the epochs of one aelab train() call, as a run trains, timed by its loop; one
 * model.fit / Keras fit() call each); the fastest round counts, because the
 * machine may be shared and the least disturbed round is the closest to its speed. On the
 * native backend aelab's rows run graph steps from the warm-up on (AELAB_GRAPH_STEPS=1), as a
 * real run does after its first 30 steps. Keras runs from the git-ignored virtual environment
 * .venv-bench, created here on first use with tensorflow-cpu from PyPI — the same TensorFlow
 * version that `npm run setup:native` links tfjs-node against, so the native comparison is
 * tfjs-node vs Keras over one libtensorflow.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { graphStepStats } from '../src/backend/native/graph-steps/stats.js';
import { selectBackend, type BackendName } from '../src/backend/select.js';
import {
  buildAutoencoder,
  buildClassifier,
  type AutoencoderSpec,
  type ClassifierSpec,
  type EpochLog,
  type TrainSpec,
} from '../src/models/index.js';
import { LayersAutoencoder } from '../src/models/autoencoder.js';
import { LayersClassifier } from '../src/models/classifier.js';
import { readOfficialTrainingDigits } from '../src/data/mnist-official.js';
import { packageRoot } from '../src/util/package-root.js';

/** Keep equal to TF_WHEEL_VERSION in scripts/setup-native.sh. */
const KERAS_TENSORFLOW = '2.21.0';
const VENV = '.venv-bench';

type ModelName = 'dense' | 'conv' | 'cnn';
/** aelab: aelab's models and training loop; fit: the same layers with tfjs-layers' model.fit. */
type Variant = 'aelab' | 'fit';

interface ModelCase {
  readonly title: string;
  readonly batch: number;
  /** Timed batches at --scale 1; enough for a few seconds on the slowest backend that runs it. */
  readonly batches: number;
  /** Backends worth running: conv training on the pure-JS cpu backend takes minutes per epoch. */
  readonly backends: readonly BackendName[];
  /** The model for the `fit` variant, layer for layer as in keras_bench.py. */
  readonly build: () => tf.LayersModel;
  /** The same model as aelab builds it from an experiment file's settings. */
  readonly aelab: { kind: 'autoencoder'; spec: AutoencoderSpec } | { kind: 'classifier'; spec: ClassifierSpec };
}

// One function per model for the `fit` variant, each mirroring build_model() in
// bench/keras_bench.py layer for layer.

/** Keras blog "Building Autoencoders in Keras": 784-32(relu)-784(sigmoid), adam, BCE. */
function denseAutoencoder(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 784, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  return model;
}

/** Keras blog convolutional autoencoder 16-8-8 (code 4x4x8), adam, BCE. */
function convAutoencoder(): tf.LayersModel {
  const conv = (
    filters: number,
    padding: 'same' | 'valid' = 'same',
    activation: 'relu' | 'sigmoid' | 'linear' = 'relu',
  ) => tf.layers.conv2d({ filters, kernelSize: 3, activation, padding });
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [28, 28, 1] }));
  for (const filters of [16, 8, 8]) {
    model.add(conv(filters));
    model.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  }
  model.add(conv(8));
  model.add(tf.layers.upSampling2d({ size: [2, 2] }));
  model.add(conv(8));
  model.add(tf.layers.upSampling2d({ size: [2, 2] }));
  model.add(conv(16, 'valid'));
  model.add(tf.layers.upSampling2d({ size: [2, 2] }));
  model.add(conv(1, 'same', 'sigmoid'));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  return model;
}

/** Keras examples/mnist_cnn.py: conv32-conv64-pool-dropout-dense128-dropout-dense10, adam. */
function mnistCnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  return model;
}

const aeSpec = (variant: 'undercomplete' | 'convolutional', latent: number, filters?: number[]): AutoencoderSpec => ({
  variant,
  latent,
  hidden: [],
  activation: 'relu',
  output_activation: 'sigmoid',
  ...(filters === undefined ? {} : { filters }),
});

const MODELS: Record<ModelName, ModelCase> = {
  dense: {
    title: 'dense AE 784-32-784',
    batch: 256,
    batches: 30,
    backends: ['tensorflow', 'wasm', 'cpu'],
    build: denseAutoencoder,
    aelab: { kind: 'autoencoder', spec: aeSpec('undercomplete', 32) },
  },
  conv: {
    title: 'conv AE 16-8-8',
    batch: 128,
    batches: 15,
    backends: ['tensorflow', 'wasm'],
    build: convAutoencoder,
    aelab: { kind: 'autoencoder', spec: aeSpec('convolutional', 8, [16, 8, 8]) },
  },
  cnn: {
    title: 'mnist_cnn CNN',
    batch: 128,
    batches: 8,
    backends: ['tensorflow', 'wasm'],
    build: mnistCnn,
    // aelab's cnn takes one dropout rate for both places; mnist_cnn's 0.25 and 0.5 cost the same.
    aelab: { kind: 'classifier', spec: { arch: 'cnn', filters: [32, 64], dense: [128], dropout: 0.25 } },
  },
};
const WARMUP_BATCHES = 3;
/** Timed rounds per case (the fastest counts); the cpu backend gets one, it is only a reference. */
const ROUNDS = 3;

interface Measurement {
  readonly impl: string;
  readonly model: ModelName;
  readonly batch: number;
  readonly batches: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  readonly roundsSamplesPerSecond?: number[];
  readonly peakRssMiB: number;
  readonly params?: number;
  readonly loss?: number;
  readonly note?: string;
  /** Native backend: graph steps run and steps replayed eagerly (src/backend/native/graph-steps/), whole child. */
  readonly graphSteps?: { readonly ran: number; readonly replayed: number };
}
type Outcome = { ok: true; value: Measurement } | { ok: false; error: string };

const root = packageRoot();

/**
 * `count` real MNIST digits from the first 10,000 official training digits, one of each class in
 * turn (0,1,..,9,0,..). Must match load_digits() in bench/keras_bench.py.
 */
function loadDigits(count: number): { x: Float32Array; labels: Uint8Array } {
  const first = readOfficialTrainingDigits(10_000);
  const perClass: number[][] = Array.from({ length: 10 }, () => []);
  first.labels.forEach((l, i) => perClass[l]!.push(i));
  // Interleave the classes; longer runs wrap around.
  const order: number[] = [];
  const longest = Math.max(...perClass.map((c) => c.length));
  for (let row = 0; row < longest; row++)
    for (let d = 0; d < 10; d++) if (row < perClass[d]!.length) order.push(perClass[d]![row]!);
  const x = new Float32Array(count * 784);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const i = order[k % order.length]!;
    for (let p = 0; p < 784; p++) x[k * 784 + p] = first.pixels[i * 784 + p]! / 255;
    labels[k] = first.labels[i]!;
  }
  return { x, labels };
}

// ---------------------------------------------------------------------------------------------
// Child: one backend, one model.

/** How a case trains: a warm-up on `n` samples, then `rounds` timed rounds on `n` samples. */
interface Trainer {
  params: number;
  warmUp(n: number): Promise<void>;
  /** Seconds of each round and the mean loss of the last one, if reported. */
  timed(n: number, rounds: number): Promise<{ times: number[]; loss?: number }>;
}

/**
 * aelab's own path: the model as an experiment would build it, trained by its train(). The
 * rounds are the epochs of one train() call, timed by the loop itself, as in a run: one
 * optimizer throughout, and steps that repeat become graph steps on the native backend.
 */
function aelabTrainer(spec: ModelCase, x: Float32Array, labels: Uint8Array, image: boolean): Trainer {
  const shape = image ? [28, 28, 1] : [784];
  const trainSpec = (epochs: number): TrainSpec => ({
    epochs,
    batch_size: spec.batch,
    optimizer: { name: 'adam', learning_rate: 0.001 },
    loss: 'binary_crossentropy',
    shuffle: false,
  });
  let train: (n: number, epochs: number) => Promise<EpochLog[]>;
  let params: number;
  if (spec.aelab.kind === 'autoencoder') {
    const ae = buildAutoencoder(spec.aelab.spec, [28, 28, 1], 1) as LayersAutoencoder;
    params = ae.encoder.countParams() + ae.decoder.countParams();
    train = (n, epochs) => ae.train({ x: x.subarray(0, n * 784), n, shape }, undefined, trainSpec(epochs), 1);
  } else {
    const clf = buildClassifier(spec.aelab.spec, [28, 28, 1], 10, 1) as LayersClassifier;
    params = clf.model.countParams();
    train = (n, epochs) =>
      clf.train(
        { x: x.subarray(0, n * 784), n, shape: [28, 28, 1], labels: labels.subarray(0, n), classes: 10 },
        undefined,
        trainSpec(epochs),
        1,
      );
  }
  return {
    params,
    warmUp: async (n) => void (await train(n, 1)),
    timed: async (n, rounds) => {
      const logs = await train(n, rounds);
      return { times: logs.map((l) => l.seconds), loss: logs.at(-1)?.metrics['loss'] };
    },
  };
}

/** tfjs-layers as it comes: model.fit on tensors made once, one fit() call a round. */
function fitTrainer(
  spec: ModelCase,
  modelName: ModelName,
  x: Float32Array,
  labels: Uint8Array,
  count: number,
): Trainer {
  const xs = tf.tensor(x, modelName === 'dense' ? [count, 784] : [count, 28, 28, 1]);
  const ys = modelName === 'cnn' ? tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() : xs;
  const model = spec.build();
  const round = async (n: number): Promise<number | undefined> => {
    const [a, b] = [xs.slice(0, n), ys.slice(0, n)];
    const h = await model.fit(a, b, { batchSize: spec.batch, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([a, b]);
    const last = h.history['loss']?.at(-1);
    return typeof last === 'number' ? last : undefined;
  };
  return {
    params: model.countParams(),
    warmUp: async (n) => void (await round(n)),
    timed: async (n, rounds) => {
      const times: number[] = [];
      let loss: number | undefined;
      for (let r = 0; r < rounds; r++) {
        const start = performance.now();
        loss = await round(n);
        times.push((performance.now() - start) / 1000);
      }
      return { times, ...(loss === undefined ? {} : { loss }) };
    },
  };
}

async function child(
  backend: BackendName,
  variant: Variant,
  modelName: ModelName,
  batches: number,
  rounds: number,
): Promise<void> {
  const selected = await selectBackend(backend);
  if (!selected.ok) {
    console.log(JSON.stringify({ error: selected.error }));
    return;
  }
  const spec = MODELS[modelName];
  const count = spec.batch * Math.max(batches, WARMUP_BATCHES);
  const { x, labels } = loadDigits(count);
  const trainer =
    variant === 'aelab'
      ? aelabTrainer(spec, x, labels, modelName !== 'dense')
      : fitTrainer(spec, modelName, x, labels, count);

  await trainer.warmUp(spec.batch * WARMUP_BATCHES);
  // The machine may be shared: the fastest of a few rounds is the least disturbed one.
  const { times, loss } = await trainer.timed(spec.batch * batches, rounds);
  const seconds = Math.min(...times);

  const m: Measurement = {
    impl: variant === 'fit' ? `${backend}, model.fit` : backend,
    model: modelName,
    batch: spec.batch,
    batches,
    seconds,
    samplesPerSecond: (spec.batch * batches) / seconds,
    roundsSamplesPerSecond: times.map((t) => (spec.batch * batches) / t),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    params: trainer.params,
    ...(typeof loss === 'number' ? { loss } : {}),
    ...(selected.value.note === undefined ? {} : { note: selected.value.note }),
    ...(backend === 'tensorflow' && variant === 'aelab'
      ? { graphSteps: { ran: graphStepStats.graphSteps, replayed: graphStepStats.replayed } }
      : {}),
  };
  console.log(JSON.stringify(m));
}

// ---------------------------------------------------------------------------------------------
// Parent: spawn the children, Keras included, and print the table.

function runChild(cmd: string, args: string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      cwd: root,
      // A timed round is shorter than the steps after which aelab's loop switches to graph steps
      // on its own (src/backend/native/graph-steps/); a real run is far longer. =1 takes them from the warm-up on,
      // the way Keras' warm-up compiles its train function. AELAB_GRAPH_STEPS=0 npm run bench
      // times eager steps.
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', AELAB_GRAPH_STEPS: process.env['AELAB_GRAPH_STEPS'] ?? '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .at(-1);
      if (signal !== null) return resolve({ ok: false, error: `timed out after ${timeoutMs / 1000} s` });
      if (last === undefined) {
        const tail = err.trim().split('\n').slice(-3).join(' | ');
        return resolve({ ok: false, error: `exit ${code}: ${tail || 'no output'}` });
      }
      const parsed = JSON.parse(last) as Measurement | { error: string };
      resolve('error' in parsed ? { ok: false, error: parsed.error } : { ok: true, value: parsed });
    });
  });
}

/** The Keras venv's python, creating the venv on first use; an error value if that fails. */
function kerasPython(): { ok: true; value: string } | { ok: false; error: string } {
  const python = path.join(root, VENV, 'bin', 'python');
  const probe = () =>
    spawnSync(python, ['-c', 'import tensorflow, keras; print(tensorflow.__version__)'], {
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
      encoding: 'utf8',
    });
  if (existsSync(python) && probe().status === 0) return { ok: true, value: python };
  console.error(`Creating ${VENV} with tensorflow-cpu==${KERAS_TENSORFLOW} from PyPI (once; a few minutes)...`);
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', path.join(root, VENV)]],
    [path.join(root, VENV, 'bin', 'pip'), ['install', '--quiet', `tensorflow-cpu==${KERAS_TENSORFLOW}`]],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0)
      return { ok: false, error: `${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})` };
  }
  const p = probe();
  return p.status === 0
    ? { ok: true, value: python }
    : { ok: false, error: `tensorflow does not import in ${VENV}: ${p.stderr.trim().split('\n').at(-1)}` };
}

interface Options {
  models: ModelName[];
  backends: BackendName[];
  keras: boolean;
  variants: Variant[];
  scale: number;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    models: ['dense', 'conv', 'cnn'],
    backends: ['tensorflow', 'wasm', 'cpu'],
    keras: true,
    variants: ['aelab', 'fit'],
    scale: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--models') o.models = next().split(',') as ModelName[];
    else if (a === '--backends') o.backends = next().split(',') as BackendName[];
    else if (a === '--no-keras') o.keras = false;
    else if (a === '--variants') o.variants = next().split(',') as Variant[];
    else if (a === '--scale') o.scale = Number(next());
    else if (a === '--json') o.json = next();
    else throw new Error(`unknown argument ${a}`);
  }
  for (const m of o.models) if (!(m in MODELS)) throw new Error(`unknown model ${m} (dense, conv, cnn)`);
  if (!(o.scale > 0)) throw new Error('--scale must be a positive number');
  return o;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function cpuName(): string {
  return os.cpus()[0]?.model.trim() ?? 'unknown CPU';
}

async function parent(o: Options): Promise<void> {
  const started = Date.now();
  const self = fileURLToPath(import.meta.url);
  const python = o.keras ? kerasPython() : ({ ok: false, error: 'skipped (--no-keras)' } as const);
  if (!python.ok) console.error(`Keras baseline unavailable: ${python.error}`);

  console.log(
    `Machine: ${cpuName()}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB; ` +
      `load average at start ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; Node ${process.version}, tfjs ${tf.version_core}`,
  );

  const results: { model: ModelName; keras: Outcome; rows: { label: string; outcome: Outcome }[] }[] = [];
  for (const name of o.models) {
    const spec = MODELS[name];
    const batches = Math.max(1, Math.round(spec.batches * o.scale));
    const keras: Outcome = python.ok
      ? await runChild(
          python.value,
          [
            path.join(root, 'bench', 'keras_bench.py'),
            '--model',
            name,
            '--batches',
            String(batches),
            '--warmup',
            String(WARMUP_BATCHES),
            '--rounds',
            String(ROUNDS),
          ],
          180_000,
        )
      : { ok: false, error: python.error };
    const rows: { label: string; outcome: Outcome }[] = [];
    for (const backend of o.backends.filter((b) => spec.backends.includes(b))) {
      // The cpu backend only shows how slow it is: aelab's path alone.
      for (const variant of o.variants.filter((v) => v === 'aelab' || backend !== 'cpu')) {
        const label = variant === 'fit' ? `${backend}, model.fit` : backend;
        const rounds = backend === 'cpu' ? 1 : ROUNDS;
        const outcome = await runChild(
          process.execPath,
          [self, '--child', backend, variant, name, String(batches), String(rounds)],
          180_000,
        );
        rows.push({ label, outcome });
        const g = outcome.ok ? outcome.value.graphSteps : undefined;
        const graphs = g === undefined ? '' : ` (graph steps ${g.ran}, replayed ${g.replayed})`;
        const rates = outcome.ok
          ? (outcome.value.roundsSamplesPerSecond ?? []).map((r) => fmt(Math.round(r))).join(', ')
          : '';
        const shown = outcome.ok
          ? `${fmt(outcome.value.samplesPerSecond)} samples/s; rounds ${rates}${graphs}`
          : outcome.error;
        console.error(`  ${spec.title} on ${label}: ${shown}`);
      }
    }
    if (keras.ok) console.error(`  ${spec.title} on Keras: ${fmt(keras.value.samplesPerSecond)} samples/s`);
    results.push({ model: name, keras, rows });
  }

  const kerasVersion = results
    .map((r) => r.keras)
    .find((k): k is { ok: true; value: Measurement & { versions?: Record<string, string> } } => k.ok)?.value.versions;
  console.log(
    kerasVersion === undefined
      ? 'Keras: not run'
      : `Keras ${kerasVersion['keras']} on TensorFlow ${kerasVersion['tensorflow']} (CPU), Python ${kerasVersion['python']}`,
  );
  console.log('');
  console.log(
    '| model (batch) | aelab backend | samples/s | peak RSS MiB | Keras samples/s | Keras peak RSS MiB | aelab/Keras | loss aelab / Keras |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const spec = MODELS[r.model];
    for (const { label, outcome } of r.rows) {
      const k = r.keras.ok ? r.keras.value : undefined;
      const cells = outcome.ok
        ? [fmt(outcome.value.samplesPerSecond), fmt(outcome.value.peakRssMiB)]
        : [`n/a: ${outcome.error.replace(/\|/g, '/')}`, ''];
      const ratio =
        outcome.ok && k !== undefined ? `${(outcome.value.samplesPerSecond / k.samplesPerSecond).toFixed(2)}x` : '';
      // Mean training loss of the timed epoch: a check that both sides train the same thing.
      const losses = `${outcome.ok && outcome.value.loss !== undefined ? outcome.value.loss.toFixed(3) : '-'} / ${k?.loss !== undefined ? k.loss.toFixed(3) : '-'}`;
      console.log(
        `| ${spec.title} (${spec.batch}) | ${label} | ${cells.join(' | ')} | ${k ? fmt(k.samplesPerSecond) : 'n/a'} | ${k ? fmt(k.peakRssMiB) : ''} | ${ratio} | ${losses} |`,
      );
      if (outcome.ok && k?.params !== undefined && outcome.value.params !== k.params) {
        console.error(`warning: ${r.model} has ${outcome.value.params} parameters in tfjs but ${k.params} in Keras`);
      }
    }
  }
  console.log('');
  console.log(
    `Timed: ${o.models.map((m) => `${m} ${Math.max(1, Math.round(MODELS[m].batches * o.scale))} batches`).join(', ')} ` +
      `after ${WARMUP_BATCHES} warm-up batches, best of ${ROUNDS} rounds (cpu: 1); each case in its own process; ` +
      `native graph steps ${process.env['AELAB_GRAPH_STEPS'] === '0' ? 'off' : 'on'}; total ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  if (o.json !== undefined)
    writeFileSync(
      o.json,
      JSON.stringify({ machine: { cpu: cpuName(), cores: os.cpus().length }, results }, null, 2) + '\n',
    );
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await child(argv[1] as BackendName, argv[2] as Variant, argv[3] as ModelName, Number(argv[4]), Number(argv[5]));
} else {
  await parent(parseArgs(argv));
}
