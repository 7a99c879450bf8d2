/**
 * The convolutional autoencoder of the Keras blog ("Building Autoencoders in Keras"): blocks of
 * 3x3 conv (same) + 2x2 max-pool (same) down to an image-shaped code (16-8-8 on 28x28 gives
 * 4x4x8), and conv + 2x up-sampling back up, ending in a 3x3 conv to the image's channels.
 *
 * Pooling with 'same' rounds sizes up (28 -> 14 -> 7 -> 4), so up-sampling overshoots
 * (4 -> 8 -> 16 -> 32). As in the blog, the outermost decoder conv is 'valid' when that lands
 * exactly on the image size (16 -> 14 -> 28); otherwise the output is cropped to size.
 */
import * as tf from '@tensorflow/tfjs';
import { seededInitializers } from './init.js';
import { addOutputActivation } from './output-head.js';
import type { Activation } from './types.js';
import { convCodeShape } from './variants.js';

export interface ConvLayout {
  readonly imageShape: readonly [number, number, number];
  /** Channels of each encoder block, outermost first; the last is the code's channels. */
  readonly channels: readonly number[];
  readonly activation: Activation;
  readonly outputActivation: Activation;
}

/** The code's shape, as the variant table computes it for `validate` and `plan`. */
export const layoutCodeShape = (l: ConvLayout): [number, number, number] => convCodeShape(l.imageShape, l.channels);

export function buildConvEncoder(l: ConvLayout, seed: number): tf.Sequential {
  const init = seededInitializers(seed, 1);
  const model = tf.sequential({ name: 'encoder' });
  l.channels.forEach((filters, i) => {
    model.add(
      tf.layers.conv2d({
        filters,
        kernelSize: 3,
        activation: l.activation,
        padding: 'same',
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: [...l.imageShape] } : {}),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  });
  return model;
}

export function buildConvDecoder(l: ConvLayout, seed: number): tf.Sequential {
  const init = seededInitializers(seed, 2);
  const [h, w, c] = l.imageShape;
  const code = layoutCodeShape(l);
  const n = l.channels.length;
  // Size before the last up-sampling when every conv is 'same'; a 'valid' 3x3 conv there takes 2 off.
  const lastH = code[0] * 2 ** (n - 1);
  const lastW = code[1] * 2 ** (n - 1);
  const validLast = 2 * (lastH - 2) === h && 2 * (lastW - 2) === w;
  const model = tf.sequential({ name: 'decoder' });
  const reversed = [...l.channels].reverse();
  reversed.forEach((filters, i) => {
    model.add(
      tf.layers.conv2d({
        filters,
        kernelSize: 3,
        activation: l.activation,
        padding: validLast && i === n - 1 ? 'valid' : 'same',
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: code } : {}),
      }),
    );
    model.add(tf.layers.upSampling2d({ size: [2, 2] }));
  });
  model.add(
    tf.layers.conv2d({ filters: c, kernelSize: 3, activation: 'linear', padding: 'same', kernelInitializer: init() }),
  );
  if (!validLast) {
    const extraH = 2 * lastH - h;
    const extraW = 2 * lastW - w;
    if (extraH > 0 || extraW > 0) {
      const half = (e: number): [number, number] => [Math.floor(e / 2), Math.ceil(e / 2)];
      model.add(tf.layers.cropping2D({ cropping: [half(extraH), half(extraW)] }));
    }
  }
  // Element-wise, so it commutes with the crop; last, so training can take the logits.
  addOutputActivation(model, l.outputActivation);
  return model;
}
