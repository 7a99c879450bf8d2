/**
 * The straight line between the codes of two test digits of different classes: what the decoder
 * makes of the points in between shows whether the code space is continuous between classes.
 */
import { deriveSeed, mulberry32 } from '../util/random.js';

/** Two test indices whose labels differ, drawn with the seed (the same pair for the same seed and labels). */
export function interpolationPair(labels: Uint8Array, seed: number): [number, number] {
  const rng = mulberry32(deriveSeed(seed, 'interpolation'));
  const first = Math.floor(rng() * labels.length);
  const others: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== labels[first]) others.push(i);
  if (!others.length) throw new Error('interpolation needs test digits of two different classes');
  return [first, others[Math.floor(rng() * others.length)]!];
}

/** `steps` codes evenly spaced from a to b, both ends included, one after the other. */
export function lineBetween(a: Float32Array, b: Float32Array, steps: number): Float32Array {
  if (a.length !== b.length) throw new Error(`codes of ${a.length} and ${b.length} values`);
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`steps must be an integer >= 2, got ${steps}`);
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    for (let j = 0; j < a.length; j++) out[s * a.length + j] = (1 - t) * a[j]! + t * b[j]!;
  }
  return out;
}
