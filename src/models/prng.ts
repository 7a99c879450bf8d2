/**
 * Small deterministic pseudo-random helpers. Training must be reproducible from one seed, so
 * every random choice (shuffling, noise seeds, weight-init seeds) is derived from it here rather
 * than from Math.random.
 */

/** Mixes integers into one 32-bit seed (a murmur3-style finaliser over each part). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // Positive and below 2^31, which tfjs' seedrandom-based ops and initializers accept as-is.
  return h >>> 1;
}

export { mulberry32 } from '../util/random.js';
import { mulberry32 } from '../util/random.js';

/** 0..n-1, shuffled by Fisher–Yates when `shuffle` is set. */
export function epochOrder(n: number, shuffle: boolean, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!shuffle) return order;
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
