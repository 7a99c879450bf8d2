/**
 * aelab's one home for seeded randomness. Everything that shuffles, samples or seeds tfjs goes
 * through these so that a run is reproducible from its seed alone, on any machine and Node version
 * (Math.random cannot be seeded).
 *
 * Two seed derivations, for two kinds of key, each pinned by recorded numbers (data subsets and
 * trained weights in README.md and docs/results.md), so neither is replaced by the other:
 * `deriveSeed(seed, label)` for a named purpose, `mixSeeds(...integers)` for numbered streams.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit state generator, fast and good enough for shuffling and sampling (not for
 * cryptography). The seed is taken modulo 2^32; use `deriveSeed` to turn arbitrary seeds or
 * (seed, purpose) pairs into well-mixed 32-bit seeds.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed derived from a base seed and a purpose label (FNV-1a over their text, then a
 * murmur3 finaliser), so that independent uses of one experiment seed ("train", "test",
 * "noise", ...) get unrelated streams instead of the same one.
 */
export function deriveSeed(seed: number | string, purpose = ''): number {
  const text = `${String(seed)}\u0000${purpose}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seed mixed from integers (a stage's seed, a stream's tag, an epoch, a batch: a murmur3-style
 * finaliser over each part), positive and below 2^31, which tfjs' seedrandom-based ops and
 * initializers accept as they are.
 */
export function mixSeeds(...parts: number[]): number {
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
  return h >>> 1;
}

/** Tags the stream of repeat seeds, so that they are not the streams mixSeeds makes for batches or epochs. */
const REPEAT_STREAM = 0x7e9ea7;

/**
 * The seed of repeat `repeat` of an experiment seeded `seed`. Repeat 0 is the seed itself, so a
 * sweep with one repeat is the sweep without repeats (same fingerprints, same cache entries); the
 * others are mixed from the seed and the repeat index alone, so repeat k of every sweep point has
 * the same seed, which makes the points' repeats pairs.
 */
export function repeatSeed(seed: number, repeat: number): number {
  return repeat === 0 ? seed : mixSeeds(seed, REPEAT_STREAM, repeat);
}

/** Integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher-Yates shuffle, in place; returns the same array. */
// `any` element type so that plain arrays and every typed array are accepted alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function shuffleInPlace<T extends { length: number; [i: number]: any }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}

/** The order of an epoch's samples: 0..n-1, shuffled by `seed` when `shuffle` is set. */
export function epochOrder(n: number, shuffle: boolean, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffle ? shuffleInPlace(order, mulberry32(seed)) : order;
}
