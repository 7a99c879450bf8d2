/**
 * Seeded weight initialisers. tfjs' glorotUniform draws from Math.random unless given a seed, so
 * every layer gets its own seed derived from the model seed and the layer's position: the same
 * spec and seed build the same weights on a given backend.
 */
import * as tf from '@tensorflow/tfjs';
import { mixSeeds } from '../util/random.js';

/** Hands out one initialiser per call, each with a distinct seed derived from `seed`. */
export function seededInitializers(
  seed: number,
  stream: number,
): () => ReturnType<typeof tf.initializers.glorotUniform> {
  let k = 0;
  return () => tf.initializers.glorotUniform({ seed: mixSeeds(seed, stream, k++) });
}
