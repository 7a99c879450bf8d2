/**
 * A float32 value as the shortest decimal that reads back as the same float32: TensorFlow.js
 * computes in float32, so 0.05999999865889549 (the float32 nearest 0.06, widened to a double) is
 * 0.06, and nothing is lost by saying so.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value)) return value;
  const f = Math.fround(value);
  // Beyond float32's range Math.fround gives ±Infinity: such a value was never a float32.
  if (!Number.isFinite(f)) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}
