import * as tf from '@tensorflow/tfjs';
import type { TransformStageConfig } from '../../types/experiment-config.js';
import type { ImageSet } from '../../data/types.js';
import { corrupt } from '../../models/index.js';
import { StageError, type StageKind } from '../stage.js';
import { floatRange, meanAbsDifference } from '../../util/pixels.js';
import type { StageResult } from '../../types/stage-values.js';

/** Rows per tensor when corrupting, so that a large set never becomes one huge tensor. */
const CHUNK = 2048;

/**
 * Noise applied to every image of a data set, train and test, reproducible from the seed (each
 * split and chunk draws from its own derived seed). Labels are kept, so a classifier trained on
 * clean digits can be scored on the noisy ones.
 */
export const transformStage: StageKind<TransformStageConfig> = {
  async run(config, inputs, ctx): Promise<StageResult> {
    const input = inputs[0];
    if (input?.kind !== 'images') throw new StageError(`${ctx.name}: \`input\` must be images`);
    const noisy = (set: ImageSet, stream: number): ImageSet => {
      const size = set.height * set.width * set.channels;
      const out = new Float32Array(set.images.length);
      for (let start = 0, chunk = 0; start < set.n; start += CHUNK, chunk++) {
        const rows = Math.min(CHUNK, set.n - start);
        const values = tf.tidy(() =>
          corrupt(
            tf.tensor2d(floatRange(set.images, start * size, (start + rows) * size), [rows, size]),
            config.noise,
            ctx.seed * 7919 + stream * 104729 + chunk,
          ).dataSync(),
        );
        out.set(values, start * size);
      }
      return { ...set, images: out };
    };
    const split = {
      train: noisy(input.split.train, 1),
      test: noisy(input.split.test, 2),
      ...(input.split.validation ? { validation: noisy(input.split.validation, 3) } : {}),
      identity: `${input.split.identity}|${ctx.name}:${config.noise.kind}=${config.noise.amount}`,
    };
    return {
      outputs: { images: { kind: 'images', split, flat: input.flat } },
      // How much the images changed: the mean absolute difference per pixel on the test split.
      metrics: { mean_abs_change: meanAbsDifference(split.test.images, input.split.test.images) },
    };
  },
};
