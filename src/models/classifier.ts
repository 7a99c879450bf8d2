/**
 * Image classifiers: 'cnn' is Keras' mnist_cnn (conv 32 3x3 relu, conv 64 3x3 relu, 2x2 max-pool,
 * dropout 0.25, flatten, dense 128 relu, dropout 0.5, dense softmax), with the conv filters, dense
 * units and the two dropout rates taken from the spec; 'dense' is flatten + dense relu layers +
 * softmax and accepts any input shape.
 *
 * Training uses the shared loop. Dropout is applied there with seeds derived from the step, not
 * by the Dropout layers (tfjs' seeded dropout would draw the same mask at every step), so a run is
 * reproducible from its seed; the Dropout layers stay in the model as identities at inference.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { trainableVariables } from './autoencoder.js';
import { dropout } from './dropout.js';
import { seededInitializers } from './init.js';
import { loadLayersModel, saveLayersModel } from './layers-io.js';
import type { Result } from '../types/result.js';
import { writeFileAtomic } from '../util/atomic.js';
import { categoricalCrossentropy } from './losses.js';
import { makeOptimizer } from './optimizers.js';
import { addOutputActivation, applyForLoss, type ModelOutput } from './output-head.js';
import { mixSeeds } from '../util/random.js';
import { checkFits, gatherTensor, rowsTensor, sizeOf } from './batches.js';
import { evaluateObjective, runTrainingLoop, type StepResult } from './train-loop.js';
import type {
  Classifier,
  ClassifierSpec,
  EpochLog,
  LabelledSamples,
  Samples,
  TrainCallbacks,
  TrainSpec,
} from './types.js';

const INFERENCE_BATCH = 256;
const MANIFEST_FILE = 'classifier.json';

interface ClassifierManifest {
  readonly format: 'aelab-classifier';
  readonly version: 1;
  readonly spec: ClassifierSpec;
  readonly inputShape: readonly number[];
  readonly classes: number;
}

/** [after pooling, after each hidden dense layer]; a spec with one rate (saved before 0.25/0.5) uses it for both. */
export function dropoutRates(spec: ClassifierSpec): readonly [number, number] {
  return [spec.dropout, spec.dense_dropout ?? spec.dropout];
}

/** Every problem with a classifier spec for inputs of `inputShape`; empty when buildable. */
export function validateClassifierSpec(spec: ClassifierSpec, inputShape: readonly number[], classes: number): string[] {
  const problems: string[] = [];
  const isPosInt = (v: number): boolean => Number.isInteger(v) && v > 0;
  if (inputShape.length === 0 || !inputShape.every(isPosInt))
    problems.push(`input shape must be positive integers, got [${inputShape.join(', ')}]`);
  if (!(Number.isInteger(classes) && classes >= 2))
    problems.push(`a classifier needs at least 2 classes, got ${classes}`);
  if (!(spec.dropout >= 0 && spec.dropout < 1)) problems.push(`dropout must be in [0, 1), got ${spec.dropout}`);
  if (spec.dense_dropout !== undefined && !(spec.dense_dropout >= 0 && spec.dense_dropout < 1))
    problems.push(`dense_dropout must be in [0, 1), got ${spec.dense_dropout}`);
  if (!spec.dense.every(isPosInt))
    problems.push(`dense units must be positive integers, got [${spec.dense.join(', ')}]`);
  if (spec.arch === 'cnn') {
    if (!spec.filters.every(isPosInt))
      problems.push(`filters must be positive integers, got [${spec.filters.join(', ')}]`);
    if (inputShape.length !== 3) {
      problems.push(
        `a cnn classifier needs image-shaped inputs [height, width, channels], got [${inputShape.join(', ')}]`,
      );
    } else {
      // Each valid 3x3 conv takes 2 off each side, then the pool halves (floor).
      const side = Math.min(inputShape[0]!, inputShape[1]!) - 2 * spec.filters.length;
      if (side < 2)
        problems.push(
          `inputs of [${inputShape.join(', ')}] are too small for ${spec.filters.length} 3x3 convolutions and a 2x2 pool`,
        );
    }
  }
  return problems;
}

/** Builds an untrained classifier; weights from `seed`. Throws on a spec validateClassifierSpec rejects. */
export function buildClassifier(
  spec: ClassifierSpec,
  inputShape: readonly number[],
  classes: number,
  seed = 0,
): Classifier {
  const problems = validateClassifierSpec(spec, inputShape, classes);
  if (problems.length > 0) throw new Error(`invalid classifier spec: ${problems.join('; ')}`);
  const init = seededInitializers(mixSeeds(seed, 0x434c53), 1);
  const [poolDropout, denseDropout] = dropoutRates(spec);
  const model = tf.sequential({ name: 'classifier' });
  const first = { inputShape: [...inputShape] };
  if (spec.arch === 'cnn') {
    spec.filters.forEach((filters, i) =>
      model.add(
        tf.layers.conv2d({
          filters,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: init(),
          ...(i === 0 ? first : {}),
        }),
      ),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, ...(spec.filters.length === 0 ? first : {}) }));
    if (poolDropout > 0) model.add(tf.layers.dropout({ rate: poolDropout }));
    model.add(tf.layers.flatten());
  } else if (inputShape.length > 1) {
    model.add(tf.layers.flatten(first));
  }
  const flatFirst = spec.arch === 'dense' && inputShape.length === 1;
  spec.dense.forEach((units, i) => {
    model.add(
      tf.layers.dense({ units, activation: 'relu', kernelInitializer: init(), ...(flatFirst && i === 0 ? first : {}) }),
    );
    if (denseDropout > 0) model.add(tf.layers.dropout({ rate: denseDropout }));
  });
  model.add(
    tf.layers.dense({
      units: classes,
      kernelInitializer: init(),
      ...(flatFirst && spec.dense.length === 0 ? first : {}),
    }),
  );
  addOutputActivation(model, 'softmax');
  return new LayersClassifier(spec, inputShape, classes, model);
}

export class LayersClassifier implements Classifier {
  constructor(
    readonly spec: ClassifierSpec,
    readonly inputShape: readonly number[],
    readonly classes: number,
    readonly model: tf.Sequential,
  ) {}

  /**
   * Forward pass up to the softmax's logits (see output-head.ts); with a seed, training mode with
   * dropout masks drawn from that seed.
   */
  private forward(x: tf.Tensor, dropoutSeed?: number): ModelOutput {
    if (dropoutSeed === undefined) return applyForLoss(this.model, x, false);
    return applyForLoss(this.model, x, true, (layer, h, i) => {
      if (layer.getClassName() !== 'Dropout') return layer.apply(h, { training: true }) as tf.Tensor;
      const rate = (layer.getConfig() as { rate: number }).rate;
      return dropout(h, rate, mixSeeds(dropoutSeed, i));
    });
  }

  private lossAndAcc(x: tf.Tensor, labels: tf.Tensor1D, dropoutSeed?: number): StepResult {
    const out = this.forward(x, dropoutSeed);
    const loss = categoricalCrossentropy(tf.oneHot(labels, this.classes) as tf.Tensor2D, out);
    // The arg max of the logits is that of the probabilities.
    const scores = 'logits' in out ? out.logits : out.output;
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(scores, 1), labels), 'float32')) as tf.Scalar;
    return { loss, extras: { acc } };
  }

  private checkLabels(s: LabelledSamples): void {
    if (s.labels.length !== s.n) throw new Error(`${s.n} samples but ${s.labels.length} labels`);
    if (s.classes > this.classes) throw new Error(`samples have ${s.classes} classes, the classifier ${this.classes}`);
  }

  async train(
    train: LabelledSamples,
    validation: LabelledSamples | undefined,
    spec: TrainSpec,
    seed: number,
    callbacks?: TrainCallbacks,
  ): Promise<EpochLog[]> {
    this.checkLabels(train);
    if (validation) this.checkLabels(validation);
    checkFits(train, this.inputShape);
    const val = validation && validation.n > 0 ? validation : undefined;
    if (val) checkFits(val, this.inputShape);
    const optimizer = makeOptimizer(spec.optimizer);
    try {
      return await runTrainingLoop({
        n: train.n,
        spec,
        seed,
        optimizer,
        variables: trainableVariables(this.model),
        batch: (indices) => ({
          x: gatherTensor(train, this.inputShape, indices),
          y: tf.tensor1d(
            Int32Array.from(indices, (i) => train.labels[i]!),
            'int32',
          ),
        }),
        objective: ({ x, y }, stepSeed) => this.lossAndAcc(x, y, stepSeed),
        validate: val
          ? () =>
              evaluateObjective(val.n, Math.max(spec.batch_size, INFERENCE_BATCH), (start, size) =>
                this.lossAndAcc(rowsTensor(val, this.inputShape, start, size), labelsTensor(val, start, size)),
              )
          : undefined,
        callbacks,
      });
    } finally {
      optimizer.dispose();
    }
  }

  async predict(x: Samples): Promise<Uint8Array> {
    checkFits(x, this.inputShape);
    const out = new Uint8Array(x.n);
    for (let start = 0; start < x.n; start += INFERENCE_BATCH) {
      const size = Math.min(INFERENCE_BATCH, x.n - start);
      const classes = tf.tidy(() =>
        tf.argMax(this.model.apply(rowsTensor(x, this.inputShape, start, size), { training: false }) as tf.Tensor, 1),
      );
      out.set(await classes.data(), start);
      classes.dispose();
    }
    return out;
  }

  async evaluate(x: LabelledSamples): Promise<{ loss: number; acc: number }> {
    this.checkLabels(x);
    checkFits(x, this.inputShape);
    const r = await evaluateObjective(
      x.n,
      INFERENCE_BATCH,
      (start, size) => this.lossAndAcc(rowsTensor(x, this.inputShape, start, size), labelsTensor(x, start, size)),
      '',
    );
    return { loss: r.loss ?? Number.NaN, acc: r.acc ?? Number.NaN };
  }

  /** dir/model.json + dir/weights.bin (tfjs layers format), then dir/classifier.json. */
  async save(dir: string): Promise<void> {
    await saveLayersModel(this.model, dir);
    const manifest: ClassifierManifest = {
      format: 'aelab-classifier',
      version: 1,
      spec: this.spec,
      inputShape: this.inputShape,
      classes: this.classes,
    };
    await writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Labels start..start+size-1 as an int32 tensor. */
function labelsTensor(s: LabelledSamples, start: number, size: number): tf.Tensor1D {
  return tf.tensor1d(Int32Array.from(s.labels.subarray(start, start + size)), 'int32');
}

/** Loads a classifier written by Classifier.save(dir). */
export async function loadClassifier(dir: string): Promise<Result<Classifier>> {
  let m: ClassifierManifest;
  try {
    m = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as ClassifierManifest;
  } catch (e) {
    return { ok: false, error: `cannot read ${join(dir, MANIFEST_FILE)}: ${(e as Error).message}` };
  }
  if (m.format !== 'aelab-classifier' || m.version !== 1)
    return { ok: false, error: `${join(dir, MANIFEST_FILE)} is not an aelab classifier manifest (version 1)` };
  const model = await loadLayersModel(dir);
  if (!model.ok) return model;
  if (
    !(model.value instanceof tf.Sequential) ||
    sizeOf(model.value.inputs[0]!.shape.slice(1) as number[]) !== sizeOf(m.inputShape)
  ) {
    model.value.dispose();
    return { ok: false, error: `${dir}: the saved model does not match its manifest` };
  }
  return { ok: true, value: new LayersClassifier(m.spec, m.inputShape, m.classes, model.value) };
}
