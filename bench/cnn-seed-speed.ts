/**
 * The seed experiment's mnist_cnn (its `cnn_raw` stage: Keras examples/mnist_cnn.py, Adadelta at
 * learning rate 1.0, batch 128, shuffled, validated on the test digits after every epoch) trained
 * by aelab and by Keras side by side, one epoch each in turn, so that both see the same load on a
 * shared machine:
 *
 *   npm run build && node dist/bench/cnn-seed-speed.js [--train 6000] [--test 1000] [--rounds 3]
 *        [--backend wasm] [--python .venv-bench/bin/python]
 *
 * aelab trains as the stage does (LayersClassifier.train: digits kept as bytes, batches made per
 * step, one Adadelta throughout, a validation pass after each epoch), in a child process of its own
 * that runs one epoch whenever told (it waits in the loop's epoch callback); Keras runs
 * bench/keras_cnn_epochs.py, one fit() of one epoch whenever told. Each epoch's time includes its
 * validation pass on both sides. The default sizes keep the seed's proportion of test to training
 * digits (1:6); `--train 60000 --test 10000` is the full split. Prints each round's times and
 * aelab's speed as a fraction of Keras' (Keras' seconds / aelab's), then their median.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { selectBackend, type BackendChoice } from '../src/backend/select.js';
import { readOfficialTrainingDigits, mnistDataDir } from '../src/data/mnist-official.js';
import { IDX_FILE_NAMES } from '../src/data/idx.js';
import { buildClassifier } from '../src/models/classifier.js';
import { packageRoot } from '../src/util/package-root.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '6000' },
    test: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'wasm' },
    python: { type: 'string', default: '.venv-bench/bin/python' },
    child: { type: 'boolean', default: false },
  },
});
const nTrain = Number(values.train);
const nTest = Number(values.test);
const rounds = Number(values.rounds);

/** The first `count` official test digits and their labels. */
function testDigits(count: number): { pixels: Uint8Array; labels: Uint8Array } {
  const dir = mnistDataDir();
  if (!dir.ok) throw new Error(dir.error);
  const images = readFileSync(path.join(dir.value, IDX_FILE_NAMES.testImages));
  const labels = readFileSync(path.join(dir.value, IDX_FILE_NAMES.testLabels));
  return {
    pixels: new Uint8Array(images.subarray(16, 16 + count * 784)),
    labels: new Uint8Array(labels.subarray(8, 8 + count)),
  };
}

/** The aelab child: trains `rounds` epochs, each when a line arrives on stdin. */
async function child(): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const selected = await selectBackend(values.backend as BackendChoice);
  if (!selected.ok) throw new Error(selected.error);
  const train = readOfficialTrainingDigits(nTrain);
  const test = testDigits(nTest);
  const spec = { arch: 'cnn', filters: [32, 64], dense: [128], dropout: 0.25, dense_dropout: 0.5 } as const;
  const clf = buildClassifier(spec, [28, 28, 1], 10, 42);
  const samples = (d: { pixels: Uint8Array; labels: Uint8Array }, n: number) => ({
    x: d.pixels,
    n,
    shape: [28, 28, 1],
    labels: d.labels,
    classes: 10,
  });
  console.log(JSON.stringify({ ready: true, backend: selected.value.name, threads: selected.value.threads }));
  await lines.next();
  await clf.train(
    samples(train, nTrain),
    samples(test, nTest),
    {
      epochs: rounds,
      batch_size: 128,
      optimizer: { name: 'adadelta', learning_rate: 1.0 },
      loss: 'binary_crossentropy', // unused: a classifier always trains with categorical cross-entropy
      shuffle: true,
    },
    42,
    {
      onEpoch: async (log) => {
        const m = log.metrics;
        console.log(
          JSON.stringify({ seconds: log.seconds, loss: m.loss, valLoss: m.val_loss, valAccuracy: m.val_acc }),
        );
        if (log.epoch < rounds) await lines.next();
      },
    },
  );
  process.exit(0);
}

interface EpochLine {
  readonly seconds: number;
  readonly loss: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
}

/** A child that answers each "epoch" line with one JSON line. */
class Trainer {
  private readonly out: AsyncIterator<string>;
  constructor(
    readonly name: string,
    private readonly proc: ChildProcessWithoutNullStreams,
  ) {
    this.out = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    proc.stderr.on('data', (b: Buffer) => {
      const text = b.toString();
      if (/error|Traceback/i.test(text)) process.stderr.write(`${name}: ${text}`);
    });
  }

  async next(): Promise<Record<string, unknown>> {
    for (;;) {
      const r = await this.out.next();
      if (r.done) throw new Error(`${this.name} exited early`);
      if (r.value.startsWith('{')) return JSON.parse(r.value) as Record<string, unknown>;
    }
  }

  async epoch(): Promise<EpochLine> {
    this.proc.stdin.write('epoch\n');
    return (await this.next()) as unknown as EpochLine;
  }

  stop(): void {
    this.proc.stdin.end();
  }
}

async function parent(): Promise<void> {
  const root = packageRoot();
  const sizes = ['--train', String(nTrain), '--test', String(nTest)];
  const keras = new Trainer(
    'keras',
    spawn(path.resolve(root, values.python!), [path.join(root, 'bench', 'keras_cnn_epochs.py'), ...sizes], {
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    }),
  );
  const self = fileURLToPath(import.meta.url);
  const aelab = new Trainer(
    'aelab',
    spawn(process.execPath, [self, '--child', ...sizes, '--rounds', String(rounds), '--backend', values.backend!]),
  );
  const [kReady, aReady] = await Promise.all([keras.next(), aelab.next()]);
  console.log(
    `aelab: backend ${String(aReady.backend)}, threads ${String(aReady.threads ?? '-')}; keras ready: ${String(kReady.ready)}`,
  );
  console.log(
    `mnist_cnn, Adadelta 1.0, batch 128: ${nTrain} training digits, validated on ${nTest} test digits each epoch`,
  );
  const ratios: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    // Alternate which side goes first, so neither always follows the other's epoch.
    const [first, second] = r % 2 === 1 ? [keras, aelab] : [aelab, keras];
    const a = await first.epoch();
    const b = await second.epoch();
    const [k, e] = first === keras ? [a, b] : [b, a];
    ratios.push(k.seconds / e.seconds);
    console.log(
      `round ${r}: keras ${k.seconds.toFixed(1)} s (${(nTrain / k.seconds).toFixed(0)} samples/s, loss ${k.loss.toFixed(4)}, ` +
        `val acc ${k.valAccuracy.toFixed(4)}), aelab ${e.seconds.toFixed(1)} s (${(nTrain / e.seconds).toFixed(0)} samples/s, ` +
        `loss ${e.loss.toFixed(4)}, val acc ${e.valAccuracy.toFixed(4)}): aelab/keras ${ratios.at(-1)!.toFixed(2)}x`,
    );
  }
  keras.stop();
  aelab.stop();
  const sorted = [...ratios].sort((x, y) => x - y);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]! / 2 + sorted[Math.floor(sorted.length / 2)]! / 2;
  console.log(
    `aelab/keras speed: median ${median.toFixed(2)}x, range ${sorted[0]!.toFixed(2)}-${sorted.at(-1)!.toFixed(2)}x over ${rounds} rounds`,
  );
}

await (values.child ? child() : parent());
