/**
 * One custom training loop shared by every model. Custom rather than model.fit because the
 * autoencoder losses (sparsity, contractive, KL, corrupted inputs) are not Keras losses.
 *
 * The training set stays in JavaScript memory as the stage gave it (image bytes or floats); each
 * batch becomes a tensor of its own from shuffled indices (models/batches.ts), so no backend holds
 * a float copy of the whole set. The batch is made before the gradient tape starts, so the tape
 * records nothing of it. Each step runs in a tidy scope (tf.variableGrads),
 * and the only tensors that outlive a step are the ones read back and disposed here.
 * A non-finite or exploded loss (above EXPLODED_LOSS) ends training after logging that epoch with
 * the loss that diverged (like Keras' TerminateOnNaN); `divergence` says what went wrong, for the
 * stage to fail with.
 */
import * as tf from '@tensorflow/tfjs';
import { backendCapabilities } from '../backend/capabilities.js';
import { epochOrder, mixSeeds } from '../util/random.js';
import type { EpochLog, TrainCallbacks, TrainSpec } from './types.js';

/** The loss of one batch plus extra scalars to log (averaged over the epoch like the loss). */
export interface StepResult {
  readonly loss: tf.Scalar;
  readonly extras: Readonly<Record<string, tf.Scalar>>;
}

export interface LoopOptions<B extends tf.TensorContainer> {
  /** Number of training samples; batches are drawn from 0..n-1. */
  readonly n: number;
  readonly spec: TrainSpec;
  readonly seed: number;
  readonly optimizer: tf.Optimizer;
  readonly variables: tf.Variable[];
  /** The tensors of the batch made of the samples at `indices` (disposed by the loop). */
  batch(indices: Int32Array): B;
  /** Builds the loss of a batch; `stepSeed` seeds any randomness in it. */
  objective(batch: B, stepSeed: number): StepResult;
  /** Metrics on held-out data after each epoch (e.g. val_loss), already named. */
  validate?(epoch: number): Promise<Record<string, number>>;
  readonly callbacks?: TrainCallbacks;
}

/**
 * A batch loss above this means the weights have blown up, not that the model is learning slowly:
 * every loss aelab trains is a mean per pixel or per class, so binary and categorical
 * cross-entropy stay below -ln(1e-7) = 16.1 (probabilities are clipped at 1e-7) and mean squared
 * error below 1 on pixels in [0,1]; the penalties (sparsity, contractive, KL) add at most a few
 * hundred with any sensible weight. A diverging run passes 1e6 within a few steps, long before it
 * reaches Infinity (a loss of 1.6e22 once finished "successfully").
 */
export const EXPLODED_LOSS = 1e6;

/** What in an epoch's metrics says the training diverged (non-finite, or above EXPLODED_LOSS), or undefined. */
export function divergence(metrics: Readonly<Record<string, number>>): string | undefined {
  const bad = Object.entries(metrics).filter(([, v]) => !Number.isFinite(v) || Math.abs(v) > EXPLODED_LOSS);
  if (bad.length === 0) return undefined;
  return bad
    .map(
      ([k, v]) =>
        `${k} became ${Number.isFinite(v) ? `${v.toPrecision(3)} (above ${EXPLODED_LOSS.toExponential()}: the weights blew up)` : v}`,
    )
    .join(', ');
}

// Stream tags so that shuffling and per-step noise never share a seed.
const SHUFFLE_STREAM = 1;
const STEP_STREAM = 2;

export async function runTrainingLoop<B extends tf.TensorContainer>(o: LoopOptions<B>): Promise<EpochLog[]> {
  const { n, spec } = o;
  if (n <= 0 || spec.batch_size <= 0 || spec.epochs < 0) {
    throw new Error(`bad training setup: n=${n}, batch_size=${spec.batch_size}, epochs=${spec.epochs}`);
  }
  const batches = Math.ceil(n / spec.batch_size);
  const logs: EpochLog[] = [];
  // On the native backend, steps run as one TensorFlow graph each once they repeat.
  const graphs = backendCapabilities.stepGraphs();
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    const started = performance.now();
    const order = epochOrder(n, spec.shuffle, mixSeeds(o.seed, SHUFFLE_STREAM, epoch));
    const sums: Record<string, number> = {};
    let diverged: number | undefined;
    for (let b = 0; b < batches; b++) {
      const start = b * spec.batch_size;
      const size = Math.min(spec.batch_size, n - start);
      const batch = tf.tidy(() => o.batch(order.subarray(start, start + size)));
      const kept: Record<string, tf.Scalar> = {};
      const stepSeed = mixSeeds(o.seed, STEP_STREAM, epoch, b);
      const step = () => {
        const { value, grads } = tf.variableGrads(() => {
          const r = o.objective(batch, stepSeed);
          for (const [k, v] of Object.entries(r.extras)) kept[k] = tf.keep(v);
          return r.loss;
        }, o.variables);
        o.optimizer.applyGradients(grads);
        tf.dispose(grads);
        return value;
      };
      // Every tensor of a batch has `size` rows, and nothing else in a step changes shape. A
      // short last batch comes once an epoch; the others fill the rest of it.
      const lastOfEpoch = size < spec.batch_size;
      const stepsLeft = lastOfEpoch ? spec.epochs - epoch : (spec.epochs - epoch - 1) * batches + (batches - b);
      const value = graphs ? graphs.run(String(size), step, stepsLeft) : step();
      tf.dispose(batch);
      const loss = (await value.data())[0]!;
      const extras: Record<string, number> = {};
      for (const [k, v] of Object.entries(kept)) extras[k] = (await v.data())[0]!;
      // An extra may be the loss tensor itself (e.g. reconstruction without a penalty).
      tf.dispose([...new Set([value, ...Object.values(kept)])]);
      if (!Number.isFinite(loss) || Math.abs(loss) > EXPLODED_LOSS) {
        diverged = loss;
        break;
      }
      sums.loss = (sums.loss ?? 0) + loss * size;
      for (const [k, v] of Object.entries(extras)) sums[k] = (sums[k] ?? 0) + v * size;
      o.callbacks?.onBatch?.(epoch, b, batches, loss);
    }
    const metrics: Record<string, number> = {};
    if (diverged !== undefined) {
      // Like Keras' TerminateOnNaN: the epoch is logged with the loss that diverged and training
      // stops, so the caller sees the divergence in the logs instead of an exception.
      metrics.loss = Number.isFinite(diverged) ? diverged : Number.NaN;
    } else {
      for (const [k, v] of Object.entries(sums)) metrics[k] = v / n;
      if (o.validate) Object.assign(metrics, await o.validate(epoch));
    }
    const log: EpochLog = { epoch: epoch + 1, metrics, seconds: (performance.now() - started) / 1000 };
    logs.push(log);
    await o.callbacks?.onEpoch?.(log);
    if (diverged !== undefined) break;
  }
  return logs;
}

/**
 * Averages an objective over a whole held-out set without training, batch-size weighted, and
 * prefixes the names with `val_`. `evaluateBatch` runs in a tidy scope.
 */
export async function evaluateObjective(
  n: number,
  batchSize: number,
  evaluateBatch: (start: number, size: number, batch: number) => StepResult,
  prefix = 'val_',
): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (let start = 0, b = 0; start < n; start += batchSize, b++) {
    const size = Math.min(batchSize, n - start);
    const scalars = tf.tidy(() => {
      const r = evaluateBatch(start, size, b);
      return { loss: r.loss, ...r.extras };
    });
    for (const [k, v] of Object.entries(scalars)) sums[k] = (sums[k] ?? 0) + (await v.data())[0]! * size;
    tf.dispose([...new Set(Object.values(scalars))]);
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(sums)) out[prefix + k] = v / n;
  return out;
}
