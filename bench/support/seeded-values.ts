/**
 * Deterministic values in [-1, 1) from a seed (xorshift32): the inputs of the backend tests and
 * of the scripts beside them, so that a failure or a difference reproduces exactly.
 */
export function seededValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}
