/**
 * Small deterministic PRNG utilities. Everything that shuffles or samples in aelab should go
 * through these so that a run is reproducible from its seed alone, on any machine and Node version
 * (Math.random cannot be seeded).
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
