/**
 * Models end in their output activation as a layer of its own (Dense/Conv 'linear', then an
 * Activation layer), so that training can stop one layer short and compute the loss from the
 * logits. Keras 3 does the same behind the user's back when a model ends in a sigmoid or softmax:
 * cross-entropy from logits is one log-sum-exp instead of clipping and taking logs of
 * probabilities, which is numerically steadier and, in tfjs, about forty fewer full-size kernels a
 * training step (every op runs eagerly there, so fewer ops is most of the speed).
 *
 * Saved models keep the Activation layer, so inference (`model.apply`) returns probabilities as
 * before. Models saved before this split (the activation inside the last Dense/Conv) still load
 * and train: they simply report plain outputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from './types.js';

/** What a forward pass hands to a loss: logits when the model allows it, else its outputs. */
export type ModelOutput =
  { readonly logits: tf.Tensor; readonly activation: 'sigmoid' | 'softmax' } | { readonly output: tf.Tensor };

/** Appends the output activation as its own layer ('linear' adds nothing). */
export function addOutputActivation(model: tf.Sequential, activation: Activation | 'softmax'): void {
  if (activation !== 'linear')
    model.add(tf.layers.activation({ activation, name: `${model.name}_output_${activation}` }));
}

/** The logit-producing activation a Sequential model ends in, if any. */
function logitActivation(model: tf.Sequential): 'sigmoid' | 'softmax' | undefined {
  const last = model.layers.at(-1);
  if (last?.getClassName() !== 'Activation') return undefined;
  const name = (last.getConfig() as { activation?: unknown }).activation;
  return name === 'sigmoid' || name === 'softmax' ? name : undefined;
}

/**
 * Runs `model` on `x` and returns its logits when it ends in a sigmoid/softmax Activation layer,
 * its outputs otherwise. `layerApply` lets a caller replace how single layers run (the
 * classifier draws its own dropout masks).
 */
export function applyForLoss(
  model: tf.LayersModel,
  x: tf.Tensor,
  training: boolean,
  layerApply: (layer: tf.layers.Layer, h: tf.Tensor, index: number) => tf.Tensor = (layer, h) =>
    layer.apply(h, { training }) as tf.Tensor,
): ModelOutput {
  // Only a Sequential model is a plain chain of layers that can be stopped one layer short.
  if (!(model instanceof tf.Sequential)) return { output: model.apply(x, { training }) as tf.Tensor };
  const activation = logitActivation(model);
  const layers = activation === undefined ? model.layers : model.layers.slice(0, -1);
  let h = x;
  layers.forEach((layer, i) => {
    h = layerApply(layer, h, i);
  });
  return activation === undefined ? { output: h } : { logits: h, activation };
}

/** The model's actual output (probabilities for a logits head); a plain tensor is that already. */
export function outputOf(o: tf.Tensor | ModelOutput): tf.Tensor {
  if (o instanceof tf.Tensor) return o;
  if ('output' in o) return o.output;
  return o.activation === 'sigmoid' ? tf.sigmoid(o.logits) : tf.softmax(o.logits);
}

/** The logits of `o` when they come from `activation`, for a loss that can use them. */
export function logitsFor(o: tf.Tensor | ModelOutput, activation: 'sigmoid' | 'softmax'): tf.Tensor | undefined {
  return !(o instanceof tf.Tensor) && 'logits' in o && o.activation === activation ? o.logits : undefined;
}
