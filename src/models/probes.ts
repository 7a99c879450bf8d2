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
import { lbfgs, type LbfgsResult, type Objective } from './lbfgs.js';

/** Codes of one split as rows of `dim` values, with their labels. */
export interface CodeRows {
  readonly x: PixelValues;
  readonly n: number;
  readonly dim: number;
  readonly labels: Uint8Array;
}

export interface ProbeOptions {
  /** L2 penalty on the weights (not the bias). Default 1e-4. */
  readonly l2?: number;
  /** L-BFGS iterations at most. Default 300. */
  readonly maxIterations?: number;
  /** The fit stops when no component of the objective's gradient exceeds this. Default 1e-5. */
  readonly gradientTolerance?: number;
}

export interface ProbeResult {
  readonly accuracy: number;
  /** The predicted class of each test code, in test order. */
  readonly predicted: Uint8Array;
}

export interface LinearProbeResult extends ProbeResult {
  /** How the fit ended: L-BFGS's iterations and why it stopped. */
  readonly fit: Pick<LbfgsResult, 'iterations' | 'evaluations' | 'stopped'>;
}

/** What the probe is, in words, for reports and MLflow params. */
export function probeDescription(o: ProbeOptions = {}): string {
  const p = probeSettings(o);
  return `multinomial logistic regression on standardised codes, L2 ${p.l2} on the weights, fitted by full-batch L-BFGS to a gradient below ${p.gradientTolerance} (at most ${p.maxIterations} iterations)`;
}

function probeSettings(o: ProbeOptions): Required<ProbeOptions> {
  return { l2: o.l2 ?? 1e-4, maxIterations: o.maxIterations ?? 300, gradientTolerance: o.gradientTolerance ?? 1e-5 };
}

/**
 * A linear probe: softmax regression from the training codes to their labels, the codes first
 * standardised by the training codes' mean and standard deviation. The objective (mean cross
 * entropy plus the L2 penalty) is convex, so it is minimised outright rather than by many small
 * stochastic steps: L-BFGS in JavaScript over the few hundred weights, each value and gradient
 * one pass over all training codes on the backend. Deterministic: no seed, no shuffle.
 */
export async function linearProbe(
  train: CodeRows,
  test: CodeRows,
  classes: number,
  options: ProbeOptions = {},
): Promise<LinearProbeResult> {
  checkRows(train, 'training');
  checkRows(test, 'test');
  if (train.dim !== test.dim) throw new Error(`training codes have ${train.dim} values, test codes ${test.dim}`);
  const o = probeSettings(options);
  const { mean, scale } = standardiser(train);
  const dim = train.dim;
  const xTrain = tf.tidy(() =>
    tf
      .tensor2d(floatRange(train.x, 0, train.n * dim), [train.n, dim])
      .sub(mean)
      .div(scale),
  ) as tf.Tensor2D;
  const yTrain = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(Int32Array.from(train.labels), 'int32'), classes).toFloat(),
  ) as tf.Tensor2D;
  const weights = dim * classes;
  // The parameters as one vector: the weights row by row (dim x classes), then the biases.
  const objective: Objective = async (theta) => {
    const out = tf.tidy(() => {
      const w = tf.tensor2d(Float32Array.from(theta.subarray(0, weights)), [dim, classes]);
      const b = tf.tensor1d(Float32Array.from(theta.subarray(weights)));
      const logp = tf.logSoftmax(xTrain.matMul(w).add(b));
      const loss = logp.mul(yTrain).sum().div(-train.n).add(w.square().sum().mul(o.l2));
      const residual = logp.exp().sub(yTrain);
      const gw = xTrain
        .matMul(residual, true, false)
        .div(train.n)
        .add(w.mul(2 * o.l2));
      return tf.concat([gw.reshape([-1]), residual.mean(0), loss.reshape([1])]);
    });
    const v = await out.data();
    out.dispose();
    return { value: v[weights + classes]!, gradient: Float64Array.from(v.subarray(0, weights + classes)) };
  };
  const tensors: tf.Tensor[] = [xTrain, yTrain, mean, scale];
  try {
    const fit = await lbfgs(objective, new Float64Array(weights + classes), {
      maxIterations: o.maxIterations,
      gradientTolerance: o.gradientTolerance,
    });
    const w = tf.tensor2d(Float32Array.from(fit.x.subarray(0, weights)), [dim, classes]);
    const b = tf.tensor1d(Float32Array.from(fit.x.subarray(weights)));
    tensors.push(w, b);
    const predicted = new Uint8Array(test.n);
    const chunk = 4096;
    for (let start = 0; start < test.n; start += chunk) {
      const end = Math.min(test.n, start + chunk);
      const p = tf.tidy(() =>
        tf
          .tensor2d(floatRange(test.x, start * dim, end * dim), [end - start, dim])
          .sub(mean)
          .div(scale)
          .matMul(w)
          .add(b)
          .argMax(1),
      );
      predicted.set(await p.data(), start);
      p.dispose();
    }
    const { iterations, evaluations, stopped } = fit;
    return { accuracy: agreement(predicted, test.labels), predicted, fit: { iterations, evaluations, stopped } };
  } finally {
    tf.dispose(tensors);
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

/** Training codes per group in the first pass of the kNN's top-k (knnClassify). */
const KNN_GROUP = 100;
/** Test rows per block: a block's scores (rows x training codes) stay near this many floats. */
const KNN_BLOCK_FLOATS = 8_000_000;

/**
 * k-nearest-neighbour classification of the test codes by the training codes, Euclidean distance,
 * exact (every pair). For a test code t, 2 t.x - |x|^2 ranks the training codes x as -|t - x|^2
 * does (|t|^2 is the same for all of them), and is one matmul of [2t, -1] by [x, |x|^2]: no pass
 * over the distance matrix but the matmul's own. The top k of each row is taken in two passes over
 * groups of training codes: the k groups whose best score is highest hold the k best codes (a code
 * of any other group is beaten by the best of each of those k), so the second top-k reads only their
 * codes. Ties go to the lower training index, as a single top-k's do.
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
  const dim = train.dim;
  // At least k groups; the last one is filled up with codes that score -Infinity ([0, +Infinity]).
  const size = Math.max(1, Math.min(KNN_GROUP, Math.floor(train.n / k)));
  const groups = Math.ceil(train.n / size);
  const padding = groups * size - train.n;
  const xAug = tf.tidy(() => {
    const x = tf.tensor2d(floatRange(train.x, 0, train.n * dim), [train.n, dim]);
    const rows = tf.concat([x, x.square().sum(1, true)], 1);
    if (!padding) return rows;
    return tf.concat([rows, tf.concat([tf.zeros([padding, dim]), tf.fill([padding, 1], Infinity)], 1)]);
  });
  const block = Math.max(1, Math.floor(KNN_BLOCK_FLOATS / (groups * size)));
  const predicted = new Uint8Array(test.n);
  try {
    for (let start = 0; start < test.n; start += block) {
      const rows = Math.min(test.n, start + block) - start;
      const nearest = tf.tidy(() => {
        const t = tf.tensor2d(floatRange(test.x, start * dim, (start + rows) * dim), [rows, dim]);
        const scores = tf
          .concat([t.mul(2), tf.fill([rows, 1], -1)], 1)
          .matMul(xAug, false, true)
          .reshape([rows * groups, size]);
        const best = tf.topk(scores.max(1).reshape([rows, groups]), k).indices;
        // The chosen groups in training order, so that candidates stand in training order too.
        const chosen = tf.topk(best.toFloat().neg(), k).values.neg().toInt();
        // Gathers along the first axis only (wasm has no batched gather): row r's group j is row
        // r * groups + j of the scores, its candidate c is entry r * k + c of the chosen groups.
        const int = (v: number) => tf.scalar(v, 'int32');
        const row = tf.range(0, rows, 1, 'int32').expandDims(1);
        const candidates = tf.gather(scores, chosen.add(row.mul(int(groups)))).reshape([rows, k * size]);
        const at = tf.topk(candidates, k).indices;
        const group = tf.gather(chosen.reshape([-1]), tf.floorDiv(at, int(size)).add(row.mul(int(k))));
        return group.mul(int(size)).add(tf.mod(at, int(size)));
      });
      const idx = await nearest.data();
      nearest.dispose();
      for (let r = 0; r < rows; r++)
        predicted[start + r] = vote(idx.subarray(r * k, (r + 1) * k), train.labels, classes);
    }
    return { accuracy: agreement(predicted, test.labels), predicted };
  } finally {
    xAug.dispose();
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
