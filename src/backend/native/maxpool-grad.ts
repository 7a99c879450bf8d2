/**
 * MaxPool's gradient through oneDNN on the native ('tensorflow') backend.
 *
 * TensorFlow's eager MaxPoolGrad is its generic Eigen kernel, the largest single cost of a
 * native CNN step after the convolutions. Keras does not pay it: in a graph, TensorFlow's oneDNN
 * pass rewrites MaxPool + MaxPoolGrad into oneDNN pooling, far cheaper (docs/performance.md).
 * The same oneDNN kernels can be run eagerly by their op names (_MklNativeMaxPool /
 * _MklNativeMaxPoolGrad, which take and give plain NHWC tensors); the backward one needs the
 * forward's workspace (which input won each window), so the kernel recomputes the pool, which
 * is cheap, rather than keeping workspaces alive between forward and backward.
 * The forward MaxPool runs as the same oneDNN op (its first output): eagerly that costs the same,
 * and in a graph step (graph-steps/) the forward and the gradient's recomputation are then one
 * node repeated, which TensorFlow's graph optimizer merges, so the pool runs once a step as in
 * Keras' graph.
 *
 * A TensorFlow without these ops (a build without oneDNN) is detected by a probe when the kernel
 * is installed, and tfjs-node's own MaxPoolGrad stays in place.
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeBackend, replaceNativeKernel, typeAttr, type NodeBackendLike, type OpAttr } from './backend.js';

/** The attrs both oneDNN pooling ops take, or null where tfjs' pool has no TensorFlow spelling. */
function poolAttrs(b: NodeBackendLike, input: tf.TensorInfo, attrs: tf.NamedAttrMap): OpAttr[] | null {
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs['filterSize'] as [number, number] | number,
    attrs['strides'] as [number, number] | number,
    1,
    attrs['pad'] as 'valid' | 'same' | number,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  const padding = info.padInfo.type;
  if (padding !== 'VALID' && padding !== 'SAME') return null;
  const { binding } = b;
  return [
    typeAttr(b, 'T', binding.TF_FLOAT),
    { name: 'ksize', type: binding.TF_ATTR_INT, value: [1, info.filterHeight, info.filterWidth, 1] },
    { name: 'strides', type: binding.TF_ATTR_INT, value: [1, info.strideHeight, info.strideWidth, 1] },
    { name: 'padding', type: binding.TF_ATTR_STRING, value: padding },
    { name: 'data_format', type: binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'workspace_enabled', type: binding.TF_ATTR_BOOL, value: true },
    // TensorFlow registers these kernels under a label; an op reaches them only by naming it.
    { name: '_kernel', type: binding.TF_ATTR_STRING, value: 'MklNameChangeOp' },
  ];
}

/** dx for MaxPool(input) = output, from oneDNN; null when the attrs have no oneDNN form. */
function oneDnnMaxPoolGrad(
  b: NodeBackendLike,
  input: tf.TensorInfo,
  dy: tf.TensorInfo,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo | null {
  if (input.dtype !== 'float32') return null;
  const opAttrs = poolAttrs(b, input, attrs);
  if (opAttrs === null) return null;
  // The workspace is a uint8 tensor; tfjs-node labels it int32, and it is only passed back in.
  const [pooled, workspace] = b.executeMultipleOutputs('_MklNativeMaxPool', opAttrs, [input], 2);
  try {
    return b.executeSingleOutput('_MklNativeMaxPoolGrad', opAttrs, [input, pooled!, dy, workspace!]);
  } finally {
    b.disposeData(pooled!.dataId, true);
    b.disposeData(workspace!.dataId, true);
  }
}

/** MaxPool(input) as oneDNN's pooling op (the workspace dropped); null as above. */
function oneDnnMaxPool(b: NodeBackendLike, input: tf.TensorInfo, attrs: tf.NamedAttrMap): tf.TensorInfo | null {
  if (input.dtype !== 'float32') return null;
  const opAttrs = poolAttrs(b, input, attrs);
  if (opAttrs === null) return null;
  const [pooled, workspace] = b.executeMultipleOutputs('_MklNativeMaxPool', opAttrs, [input], 2);
  b.disposeData(workspace!.dataId, true);
  return pooled!;
}

/**
 * Whether oneDNN's pooling ops run in this TensorFlow and agree with MaxPoolGrad, on a tiny input
 * with ties (all-zero windows, as after a ReLU) and 'same' padding.
 */
function probe(): boolean {
  try {
    return tf.tidy(() => {
      const x = tf.tensor4d(
        [0, 0, 3, 1, 0, 0, 2, 5, 4, 4, -1, 0, 7, 0, 0, 0, 6, 6, 0, 0, 2, -3, 0, 0, 1],
        [1, 5, 5, 1],
      );
      const dy = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      const b = asNodeBackend(tf.backend());
      const attrs = { filterSize: [2, 2], strides: [2, 2], pad: 'same' } as unknown as tf.NamedAttrMap;
      const got = oneDnnMaxPoolGrad(b, x, dy, attrs);
      const pooled = oneDnnMaxPool(b, x, attrs);
      if (got === null || pooled === null) return false;
      const ours = tf.engine().makeTensorFromTensorInfo(got);
      const stock = tf.grad((t) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'same'))(x, dy);
      const oursPooled = tf.engine().makeTensorFromTensorInfo(pooled);
      const stockPooled = tf.maxPool(x, 2, 2, 'same');
      return (
        tf.max(tf.abs(tf.sub(ours, stock))).dataSync()[0] === 0 &&
        tf.max(tf.abs(tf.sub(oursPooled, stockPooled))).dataSync()[0] === 0
      );
    });
  } catch {
    return false;
  }
}

let installed: boolean | undefined;

/**
 * Replaces MaxPool and MaxPoolGrad on the 'tensorflow' backend when oneDNN's pooling is there.
 * Call with the backend active. Returns whether the oneDNN kernels are in use; idempotent.
 */
export function installOneDnnMaxPoolGrad(): boolean {
  if (installed !== undefined) return installed;
  installed = probe();
  if (!installed) return false;
  replaceNativeKernel('MaxPool', (stock) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    return oneDnnMaxPool(asNodeBackend(args.backend), x, args.attrs ?? {}) ?? stock(args);
  });
  replaceNativeKernel('MaxPoolGrad', (stock) => (args) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    return oneDnnMaxPoolGrad(asNodeBackend(args.backend), input, dy, args.attrs ?? {}) ?? stock(args);
  });
  return true;
}
