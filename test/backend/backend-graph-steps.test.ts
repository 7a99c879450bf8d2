import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphSteps } from '../../src/backend/native/graph-steps/graph-steps.js';
import { GRAPH_STEPS_ENV } from '../../src/backend/native/graph-steps/policy.js';
import { graphStepStats } from '../../src/backend/native/graph-steps/stats.js';
import { selectBackend } from '../../src/backend/select.js';
import type { LayersAutoencoder } from '../../src/models/autoencoder.js';
import { buildAutoencoder, buildClassifier } from '../../src/models/index.js';
import type { EpochLog } from '../../src/models/types.js';
import { digits, trainSpec } from '../support/models-fixtures.js';

/** After `npm run setup:native` tfjs-node loads; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);
const skip = !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)';

async function withGraphSteps<T>(on: boolean, f: () => Promise<T>): Promise<T> {
  const before = process.env[GRAPH_STEPS_ENV];
  process.env[GRAPH_STEPS_ENV] = on ? '1' : '0';
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env[GRAPH_STEPS_ENV];
    else process.env[GRAPH_STEPS_ENV] = before;
  }
}

const losses = (logs: EpochLog[]) => logs.map((l) => l.metrics['loss']!);

function assertClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((v, i) =>
    assert.ok(
      Math.abs(v - expected[i]!) <= 1e-5 * Math.max(1, Math.abs(expected[i]!)),
      `${what}[${i}]: ${v} vs ${expected[i]}`,
    ),
  );
}

test(
  'training on the native backend runs repeated steps as TensorFlow graphs and ends where eager steps end',
  { skip },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const data = digits(20); // 200 images: 12 full batches of 16 and one of 8 per epoch
    const spec = trainSpec({ epochs: 3, batch_size: 16 });
    const trainConv = async () => {
      const ae = buildAutoencoder(
        { variant: 'convolutional', latent: 8, hidden: [], activation: 'relu', output_activation: 'sigmoid' },
        [28, 28, 1],
        5,
      ) as LayersAutoencoder;
      try {
        const logs = await ae.train(data, undefined, spec, 11);
        const weights = ae.decoder.getWeights().map((w) => Array.from(w.dataSync()));
        return { logs, weights };
      } finally {
        ae.dispose();
      }
    };
    const trainCnn = async () => {
      const clf = buildClassifier({ arch: 'cnn', filters: [4, 8], dense: [16], dropout: 0.25 }, [28, 28, 1], 10, 5);
      try {
        return await clf.train(data, undefined, spec, 11);
      } finally {
        clf.dispose();
      }
    };
    const tensorsBefore = tf.memory().numTensors;
    const eager = await withGraphSteps(false, async () => ({ conv: await trainConv(), cnn: await trainCnn() }));
    const ran = graphStepStats.graphSteps;
    const graph = await withGraphSteps(true, async () => ({ conv: await trainConv(), cnn: await trainCnn() }));
    // Per model 36 full batches: the first two or three are traced, the rest are graph steps.
    // The three short batches are too few to be worth a graph.
    assert.ok(graphStepStats.graphSteps - ran >= 60, `${graphStepStats.graphSteps - ran} graph steps`);
    assertClose(losses(graph.conv.logs), losses(eager.conv.logs), 'conv AE losses');
    assertClose(losses(graph.cnn), losses(eager.cnn), 'CNN losses');
    graph.conv.weights.forEach((w, i) => assertClose(w, eager.conv.weights[i]!, `decoder weight ${i}`));
    assert.ok(losses(graph.cnn)[2]! < losses(graph.cnn)[0]!, 'the CNN learns');
    assert.equal(tf.memory().numTensors, tensorsBefore, 'no tensor left behind');
  },
);

test(
  'a step that departs from its graph, or reads a value midway, runs eagerly and gives the eager result',
  { skip },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const w = tf.variable(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
    );
    const x = tf.tensor2d([
      [0.5, -1],
      [2, 0.25],
    ]);
    // One "training step": w <- w - 0.1 * d(sum(relu(x w)^2))/dw, plus whatever `extra` adds.
    const step = (i: number, extra: 'none' | 'op' | 'read') => () => {
      const { value, grads } = tf.variableGrads(() => {
        let y = tf.relu(tf.matMul(x, w));
        if (extra === 'op') y = tf.mul(y, 1.5);
        if (extra === 'read') y = tf.mul(y, y.dataSync()[0]! > 0 ? 1 : 2);
        return tf.sum(tf.square(tf.add(y, tf.scalar(i)))) as tf.Scalar;
      }, [w]);
      w.assign(tf.sub(w, tf.mul(grads[w.name]!, 0.001)));
      tf.dispose(grads);
      return value;
    };
    // Keys k and r repeat and get graphs; step 4 departs from k's graph by an extra op, step 9
    // reads a value in the middle of r's step. Both must end as they would eagerly.
    const schedule: [string, 'none' | 'op' | 'read'][] = [
      ['k', 'none'],
      ['k', 'none'],
      ['k', 'none'],
      ['k', 'none'],
      ['k', 'op'],
      ['k', 'none'],
      ['r', 'none'],
      ['r', 'none'],
      ['r', 'none'],
      ['r', 'read'],
    ];
    const runAll = (graphs: GraphSteps | undefined) => {
      w.assign(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
      );
      const out: number[] = [];
      schedule.forEach(([key, extra], i) => {
        const v = graphs ? graphs.run(key, step(i, extra)) : step(i, extra)();
        out.push(v.dataSync()[0]!);
        v.dispose();
      });
      return { out, w: Array.from(w.dataSync()) };
    };
    const eager = runAll(undefined);
    const steps = GraphSteps.forActiveBackend();
    assert.ok(steps, 'graph steps are on for the native backend');
    const ran = graphStepStats.graphSteps;
    const replayed = graphStepStats.replayed;
    const graph = runAll(steps);
    // k: at step 0 w is a tensor fresh from JavaScript (created in the step, not an outside
    // input), so the structure repeats from step 1: traced 0-2, a graph at 3. r has k's
    // structure, so k's session serves it from its first trace: graphs at 7 and 8.
    assert.equal(graphStepStats.graphSteps - ran, 3, 'steps 3, 7 and 8 ran as graphs');
    assert.equal(graphStepStats.replayed - replayed, 2, 'steps 4 and 9 were replayed eagerly');
    assertClose(graph.out, eager.out, 'losses');
    assertClose(graph.w, eager.w, 'weights');

    // With few steps left a graph does not pay for its loading: a new structure stays eager.
    const compiled = graphStepStats.compiled;
    const graphSteps = graphStepStats.graphSteps;
    const short = GraphSteps.forActiveBackend()!;
    for (let i = 0; i < 6; i++) short.run('s', step(i, 'op'), 6 - i).dispose();
    assert.equal(graphStepStats.compiled, compiled);
    assert.equal(graphStepStats.graphSteps, graphSteps);
    tf.dispose([w, x]);
  },
);
