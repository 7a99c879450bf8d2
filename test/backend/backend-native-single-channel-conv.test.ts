import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/select.js';
import { relativeError, seededValues } from '../support/backend-compare.js';

/** After `npm run setup:native` tfjs-node loads; after a plain `npm ci` it does not. */
const nativeLoads = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);
const skip = !nativeLoads && 'tfjs-node does not load here (npm run setup:native builds it)';

// Convolutions to one output channel run as a depthwise conv + sum on the native backend
// (native/single-channel-conv.ts): every padding form, strides, dilation, and the fused op.
interface Case {
  x: [number, number, number, number];
  k: number;
  strides: number;
  pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding;
  dilation: number;
  /** What tfjs can differentiate here: none for a dilated filter; tfjs-node's own input gradient takes no explicit pads. */
  grads: ('x' | 'w')[];
}
const cases: Case[] = [
  { x: [3, 9, 8, 16], k: 3, strides: 1, pad: 'same', dilation: 1, grads: ['x', 'w'] },
  { x: [2, 7, 7, 5], k: 3, strides: 1, pad: 'valid', dilation: 1, grads: ['x', 'w'] },
  { x: [2, 9, 9, 4], k: 3, strides: 2, pad: 'same', dilation: 1, grads: ['x', 'w'] },
  {
    x: [2, 8, 8, 3],
    k: 2,
    strides: 1,
    pad: [
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ],
    dilation: 1,
    grads: ['w'],
  },
  { x: [2, 9, 9, 3], k: 3, strides: 1, pad: 'same', dilation: 2, grads: [] },
];

/** y, dy/dx and dy/dw of sum(fused conv(x, w) + bias, then sigmoid, times r). */
async function run(backend: 'tensorflow' | 'cpu', c: Case): Promise<Float32Array[]> {
  const r = await selectBackend(backend);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return tf.tidy(() => {
    const x = tf.tensor4d(
      seededValues(
        c.x.reduce((a, b) => a * b, 1),
        1,
      ),
      c.x,
    );
    const w = tf.tensor4d(seededValues(c.k * c.k * c.x[3], 2), [c.k, c.k, c.x[3], 1]);
    const bias = tf.tensor1d([0.3]);
    const conv = (xx: tf.Tensor4D, ww: tf.Tensor4D) =>
      tf.fused.conv2d({
        x: xx,
        filter: ww,
        strides: c.strides,
        pad: c.pad,
        dilations: c.dilation,
        bias,
        activation: 'sigmoid',
      });
    const y = conv(x, w);
    const plain = tf.conv2d(x, w, c.strides, c.pad, 'NHWC', c.dilation);
    const weights = tf.tensor(seededValues(y.size, 3), y.shape);
    const outs: tf.Tensor[] = [y, plain];
    const loss = (xx: tf.Tensor4D, ww: tf.Tensor4D) => tf.sum(tf.mul(conv(xx, ww), weights));
    if (c.grads.includes('x')) outs.push(tf.grad((xx: tf.Tensor) => loss(xx as tf.Tensor4D, w))(x));
    if (c.grads.includes('w')) outs.push(tf.grad((ww: tf.Tensor) => loss(x, ww as tf.Tensor4D))(w));
    return outs.map((t) => Float32Array.from(t.dataSync()));
  });
}

for (const c of cases) {
  test(
    `a one-channel conv of ${c.x.join('x')} (${c.k}x${c.k}, stride ${c.strides}, pad ${JSON.stringify(c.pad)}, dilation ${c.dilation}) and its gradients on the native backend equal cpu's`,
    { skip },
    async () => {
      const native = await run('tensorflow', c);
      const reference = await run('cpu', c);
      assert.equal(native.length, reference.length);
      native.forEach((v, i) =>
        assert.ok(
          relativeError(v, reference[i]!) < 1e-5,
          `output ${i}: relative error ${relativeError(v, reference[i]!)}`,
        ),
      );
    },
  );
}

test(
  'the native backend runs a one-channel conv and its filter gradient as depthwise ops, not Conv2D',
  { skip },
  async () => {
    const r = await selectBackend('tensorflow');
    assert.ok(r.ok, r.ok ? '' : r.error);
    // Which TensorFlow ops run: the binding's functions are read-only, so the backend gets a copy
    // with a spying executeOp for the duration (as native/graph-steps/ does).
    const backend = tf.backend() as unknown as { binding: Record<string, unknown> };
    const real = backend.binding;
    const ops: string[] = [];
    const spy = Object.create(null) as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(real)) spy[k] = real[k];
    spy['executeOp'] = (name: string, ...rest: unknown[]) => {
      ops.push(name);
      return (real['executeOp'] as (...a: unknown[]) => unknown)(name, ...rest);
    };
    backend.binding = spy;
    let y: number[];
    try {
      y = tf.tidy(() => {
        const x = tf.ones([1, 5, 5, 4]) as tf.Tensor4D;
        const w = tf.ones([3, 3, 4, 1]) as tf.Tensor4D;
        tf.grad((ww: tf.Tensor) => tf.sum(tf.conv2d(x, ww as tf.Tensor4D, 1, 'same')))(w).dataSync();
        return Array.from(tf.conv2d(x, w, 1, 'same').dataSync());
      });
    } finally {
      backend.binding = real;
    }
    assert.ok(ops.includes('DepthwiseConv2dNative'), ops.join(' '));
    assert.ok(ops.includes('DepthwiseConv2dNativeBackpropFilter'), ops.join(' '));
    assert.ok(!ops.includes('Conv2D') && !ops.includes('Conv2DBackpropFilter'), ops.join(' '));
    // The corner sees a 2x2 window of 4 channels, an edge 2x3, the inside 3x3.
    assert.deepEqual(y.slice(0, 6), [16, 24, 24, 24, 16, 24]);
  },
);
