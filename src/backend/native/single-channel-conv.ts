/**
 * Convolutions with one output channel on the native ('tensorflow') backend, as a depthwise
 * convolution summed over the channels.
 *
 * An autoencoder's decoder ends in a conv to the image's one channel. oneDNN runs that shape
 * badly, Conv2D and its filter gradient alike (Keras pays it too), where the same sums as
 * DepthwiseConv2dNative + Sum and as DepthwiseConv2dNativeBackpropFilter (with dy broadcast to
 * every channel) are fast (timings: docs/performance.md, item 16). y[b,i,j] = sum over c of depthwise(x, w)[b,i,j,c] holds because a depthwise filter
 * [kh,kw,C,1] is laid out exactly like a conv filter [kh,kw,C,1]. The input gradient is
 * already fast and stays a Conv2DBackpropInput.
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeBackend, replaceNativeKernel, typeAttr, type NodeBackendLike, type OpAttr } from './backend.js';

/** tfjs-node's backend, beyond NodeBackendLike: its activation helper (NodeJSKernelBackend). */
interface NodeBackendWithActivation extends NodeBackendLike {
  applyActivation(
    input: tf.TensorInfo,
    activation: string,
    preluWeights?: tf.TensorInfo,
    alpha?: number,
  ): tf.TensorInfo;
}

function convInfo(xShape: number[], filterShape: number[], attrs: tf.NamedAttrMap): tf.backend_util.Conv2DInfo | null {
  if ((attrs['dataFormat'] ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape[3] !== 1) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs['strides'] as number | [number, number],
    (attrs['dilations'] as number | [number, number] | undefined) ?? 1,
    attrs['pad'] as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
  // TensorFlow's CPU depthwise kernels refuse dilations ("does not support dilations"): a dilated
  // conv stays the ordinary Conv2D.
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const type = info.padInfo.type;
  return type === 'SAME' || type === 'VALID' || type === 'EXPLICIT' ? info : null;
}

/** strides, padding, data_format, dilations (and explicit pads): what both depthwise ops take. */
function depthwiseAttrs(b: NodeBackendLike, info: tf.backend_util.Conv2DInfo): OpAttr[] {
  const { binding } = b;
  const p = info.padInfo;
  const attrs: OpAttr[] = [
    typeAttr(b, 'T', binding.TF_FLOAT),
    { name: 'strides', type: binding.TF_ATTR_INT, value: [1, info.strideHeight, info.strideWidth, 1] },
    { name: 'padding', type: binding.TF_ATTR_STRING, value: p.type },
    { name: 'data_format', type: binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'dilations', type: binding.TF_ATTR_INT, value: [1, 1, 1, 1] },
  ];
  if (p.type === 'EXPLICIT') {
    attrs.push({
      name: 'explicit_paddings',
      type: binding.TF_ATTR_INT,
      value: [0, 0, p.top, p.bottom, p.left, p.right, 0, 0],
    });
  }
  return attrs;
}

/** y = conv2d(x, filter) for a filter [kh, kw, C, 1]: depthwise, then the sum over C. */
function singleChannelConv(
  b: NodeBackendLike,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const perChannel = b.executeSingleOutput('DepthwiseConv2dNative', depthwiseAttrs(b, info), [x, filter]);
  const axis = tf.tensor1d([3], 'int32');
  try {
    return b.executeSingleOutput(
      'Sum',
      [
        typeAttr(b, 'T', b.binding.TF_FLOAT),
        typeAttr(b, 'Tidx', b.binding.TF_INT32),
        { name: 'keep_dims', type: b.binding.TF_ATTR_BOOL, value: true },
      ],
      [perChannel, axis],
    );
  } finally {
    tf.dispose([perChannel as tf.Tensor, axis]);
  }
}

/** dW for a filter [kh, kw, C, 1]: the depthwise filter gradient with dy repeated over C. */
function singleChannelFilterGrad(
  b: NodeBackendLike,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const [batch, outH, outW] = dy.shape as [number, number, number, number];
  const shape = tf.tensor1d([batch, outH, outW, info.inChannels], 'int32');
  const sizes = tf.tensor1d(info.filterShape.slice(), 'int32');
  let repeated: tf.TensorInfo | undefined;
  try {
    repeated = b.executeSingleOutput(
      'BroadcastTo',
      [typeAttr(b, 'T', b.binding.TF_FLOAT), typeAttr(b, 'Tidx', b.binding.TF_INT32)],
      [dy, shape],
    );
    return b.executeSingleOutput('DepthwiseConv2dNativeBackpropFilter', depthwiseAttrs(b, info), [x, sizes, repeated]);
  } finally {
    if (repeated !== undefined) tf.dispose(repeated as tf.Tensor);
    tf.dispose([shape, sizes]);
  }
}

let installed = false;

/**
 * Replaces Conv2D, FusedConv2D and Conv2DBackpropFilter on the 'tensorflow' backend for filters
 * with one output channel (everything else runs the stock kernels). Idempotent.
 */
export function installSingleChannelConv(): void {
  if (installed) return;
  installed = true;
  replaceNativeKernel('Conv2D', (stock) => (args) => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const info = x.dtype === 'float32' ? convInfo(x.shape, filter.shape, args.attrs ?? {}) : null;
    return info === null ? stock(args) : singleChannelConv(asNodeBackend(args.backend), x, filter, info);
  });
  replaceNativeKernel('FusedConv2D', (stock) => (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = args.attrs ?? {};
    const info = x!.dtype === 'float32' ? convInfo(x!.shape, filter!.shape, attrs) : null;
    if (info === null) return stock(args);
    // As tfjs-node's own FusedConv2D: the conv, then the bias (a BiasAdd: bias-add.ts),
    // then the activation.
    const b = asNodeBackend(args.backend) as NodeBackendWithActivation;
    let result = singleChannelConv(b, x!, filter!, info);
    if (bias !== undefined && bias !== null) {
      const biased = tf.add(result as tf.Tensor, bias as tf.Tensor);
      tf.dispose(result as tf.Tensor);
      result = biased;
    }
    const activated = b.applyActivation(
      result,
      attrs['activation'] as string,
      preluActivationWeights ?? undefined,
      attrs['leakyreluAlpha'] as number | undefined,
    );
    if (activated !== result) tf.dispose(result as tf.Tensor);
    return activated;
  });
  replaceNativeKernel('Conv2DBackpropFilter', (stock) => (args) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs ?? {};
    const info =
      x.dtype === 'float32' ? convInfo(x.shape, attrs['filterShape'] as number[], { ...attrs, dilations: 1 }) : null;
    return info === null ? stock(args) : singleChannelFilterGrad(asNodeBackend(args.backend), x, dy, info);
  });
}
