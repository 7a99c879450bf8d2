/**
 * How much class information a code keeps, measured the way representation papers do: a linear
 * probe (multinomial logistic regression trained on the training codes, scored on the test codes)
 * and k-nearest-neighbour accuracy (test codes voted by their k nearest training codes).
 *
 * Both run on the TensorFlow.js backend: the mljs packages (ml-logistic-regression, ml-knn) do the
 * same in plain JavaScript, many times slower on a full split (docs/performance.md has the numbers),
 * and the probe must stay a small fraction of the autoencoder's own training time.
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelValues } from '../types/samples.js';
import { floatRange } from '../util/pixels.js';
import { deriveSeed, mulberry32 } from '../util/random.js';

/** Codes of one split as rows of `dim` values, with their labels. */
export interface CodeRows {
  readonly x: PixelValues;
  readonly n: number;
  readonly dim: number;
  readonly labels: Uint8Array;
}

export interface ProbeOptions {
  /** Passes over the training codes. Default 10. */
  readonly epochs?: number;
  /** Default 512. */
  readonly batchSize?: number;
  /** Adam's step size. Default 0.01. */
  readonly learningRate?: number;
  /** L2 penalty on the weights (not the bias). Default 1e-4. */
  readonly l2?: number;
}

export interface ProbeResult {
  readonly accuracy: number;
  /** The predicted class of each test code, in test order. */
  readonly predicted: Uint8Array;
}

/** What the probe is, in words, for reports and MLflow params. */
export function probeDescription(o: ProbeOptions = {}): string {
  const p = probeSettings(o);
  return `multinomial logistic regression on standardised codes, Adam (lr ${p.learningRate}), ${p.epochs} epochs of batch ${p.batchSize}, L2 ${p.l2}`;
}

function probeSettings(o: ProbeOptions): Required<ProbeOptions> {
  return {
    epochs: o.epochs ?? 10,
    batchSize: o.batchSize ?? 512,
    learningRate: o.learningRate ?? 0.01,
    l2: o.l2 ?? 1e-4,
  };
}

/**
 * A linear probe: softmax regression from the training codes to their labels, the codes first
 * standardised by the training codes' mean and standard deviation (so one step size suits codes of
 * any scale). Zero initial weights and a seeded shuffle: the same inputs give the same accuracy.
 */
export async function linearProbe(
  train: CodeRows,
  test: CodeRows,
  classes: number,
  seed: number,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  checkRows(train, 'training');
  checkRows(test, 'test');
  if (train.dim !== test.dim) throw new Error(`training codes have ${train.dim} values, test codes ${test.dim}`);
  const o = probeSettings(options);
  const { mean, scale } = standardiser(train);
  const xTrain = tf.tidy(() =>
    tf
      .tensor2d(floatRange(train.x, 0, train.n * train.dim), [train.n, train.dim])
      .sub(mean)
      .div(scale),
  ) as tf.Tensor2D;
  const yTrain = tf.oneHot(tf.tensor1d(Int32Array.from(train.labels), 'int32'), classes).toFloat() as tf.Tensor2D;
  const w = tf.variable(tf.zeros([train.dim, classes]));
  const b = tf.variable(tf.zeros([classes]));
  const optimizer = tf.train.adam(o.learningRate);
  const rng = mulberry32(deriveSeed(seed, 'linear-probe'));
  try {
    const order = Int32Array.from({ length: train.n }, (_, i) => i);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffle(order, rng);
      for (let start = 0; start < train.n; start += o.batchSize) {
        const idx = tf.tensor1d(order.subarray(start, Math.min(train.n, start + o.batchSize)), 'int32');
        optimizer.minimize(() => {
          const x = tf.gather(xTrain, idx);
          const y = tf.gather(yTrain, idx);
          const loss = tf.losses.softmaxCrossEntropy(y, x.matMul(w).add(b));
          return loss.add(w.square().sum().mul(o.l2)) as tf.Scalar;
        });
        idx.dispose();
      }
    }
    const predicted = new Uint8Array(test.n);
    const chunk = 4096;
    for (let start = 0; start < test.n; start += chunk) {
      const end = Math.min(test.n, start + chunk);
      const p = tf.tidy(() =>
        tf
          .tensor2d(floatRange(test.x, start * test.dim, end * test.dim), [end - start, test.dim])
          .sub(mean)
          .div(scale)
          .matMul(w)
          .add(b)
          .argMax(1),
      );
      predicted.set(await p.data(), start);
      p.dispose();
    }
    return { accuracy: agreement(predicted, test.labels), predicted };
  } finally {
    tf.dispose([xTrain, yTrain, w, b, mean, scale]);
    optimizer.dispose();
  }
}

export interface KnnOptions {
  /** Neighbours that vote. Default 5. */
  readonly k?: number;
}

/** The kNN rule in words: k, the distance and how ties are broken. */
export function knnDescription(o: KnnOptions = {}): string {
  return `${o.k ?? 5} nearest training codes by Euclidean distance, majority vote (a tie goes to the class of the nearest neighbour among the tied classes)`;
}

/**
 * k-nearest-neighbour classification of the test codes by the training codes, Euclidean distance,
 * exact (every pair): squared distances as |t|^2 - 2 t.x + |x|^2, a block of test rows at a time.
 */
export async function knnClassify(
  train: CodeRows,
  test: CodeRows,
  classes: number,
  options: KnnOptions = {},
): Promise<ProbeResult> {
  checkRows(train, 'training');
  checkRows(test, 'test');
  if (train.dim !== test.dim) throw new Error(`training codes have ${train.dim} values, test codes ${test.dim}`);
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1 || k > train.n) throw new Error(`k must be 1..${train.n}, got ${k}`);
  const xTrain = tf.tensor2d(floatRange(train.x, 0, train.n * train.dim), [train.n, train.dim]);
  const trainNorms = tf.tidy(() => xTrain.square().sum(1));
  // Blocks of test rows whose distance matrix stays near 16 M floats.
  const block = Math.max(1, Math.floor(16_000_000 / train.n));
  const predicted = new Uint8Array(test.n);
  try {
    for (let start = 0; start < test.n; start += block) {
      const end = Math.min(test.n, start + block);
      const top = tf.tidy(() => {
        const t = tf.tensor2d(floatRange(test.x, start * test.dim, end * test.dim), [end - start, test.dim]);
        const d2 = t
          .square()
          .sum(1, true)
          .sub(t.matMul(xTrain, false, true).mul(2))
          .add(trainNorms);
        return tf.topk(d2.neg(), k, true).indices;
      });
      const idx = await top.data();
      top.dispose();
      for (let r = 0; r < end - start; r++)
        predicted[start + r] = vote(idx.subarray(r * k, (r + 1) * k), train.labels, classes);
    }
    return { accuracy: agreement(predicted, test.labels), predicted };
  } finally {
    tf.dispose([xTrain, trainNorms]);
  }
}

/** Majority of the neighbours' labels (nearest first); a tie goes to the tied class seen first. */
export function vote(neighbours: ArrayLike<number>, labels: Uint8Array, classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < neighbours.length; i++) counts[labels[neighbours[i]!]!]!++;
  const best = Math.max(...counts);
  for (let i = 0; i < neighbours.length; i++) {
    const c = labels[neighbours[i]!]!;
    if (counts[c] === best) return c;
  }
  return 0;
}

function standardiser(rows: CodeRows): { mean: tf.Tensor1D; scale: tf.Tensor1D } {
  const mean = new Float64Array(rows.dim);
  const sq = new Float64Array(rows.dim);
  const x = floatRange(rows.x, 0, rows.n * rows.dim);
  for (let i = 0; i < rows.n; i++)
    for (let j = 0; j < rows.dim; j++) {
      const v = x[i * rows.dim + j]!;
      mean[j] = mean[j]! + v;
      sq[j] = sq[j]! + v * v;
    }
  const scale = new Float32Array(rows.dim);
  for (let j = 0; j < rows.dim; j++) {
    mean[j] = mean[j]! / rows.n;
    const sd = Math.sqrt(Math.max(0, sq[j]! / rows.n - mean[j]! ** 2));
    // A constant value (a dead code unit) carries nothing: leave it centred at 0 rather than divide by 0.
    scale[j] = sd > 1e-8 ? sd : 1;
  }
  return { mean: tf.tensor1d(Float32Array.from(mean)), scale: tf.tensor1d(scale) };
}

function shuffle(order: Int32Array, rng: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

function agreement(predicted: Uint8Array, labels: Uint8Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return labels.length ? right / labels.length : NaN;
}

function checkRows(rows: CodeRows, what: string): void {
  if (rows.n < 1) throw new Error(`no ${what} codes`);
  if (rows.x.length !== rows.n * rows.dim)
    throw new Error(`${what} codes: ${rows.x.length} values for ${rows.n} rows of ${rows.dim}`);
  if (rows.labels.length !== rows.n) throw new Error(`${what} codes: ${rows.labels.length} labels for ${rows.n} rows`);
}
