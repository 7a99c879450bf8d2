/** Counting weights and activations of the networks the stages build, for the memory estimate (nothing is built). */

/** 3x3 convolutions through a chain of channel counts, at a (roughly constant) spatial size: for the memory estimate. */
export function convNet(channels: readonly number[], h: number, w: number): { params: number; activations: number } {
  let params = 0;
  let activations = 0;
  for (let i = 1; i < channels.length; i++) {
    params += 9 * channels[i - 1]! * channels[i]! + channels[i]!;
    activations += h * w * channels[i]!;
  }
  return { params, activations };
}

/** Dense layers through a chain of sizes: for the memory estimate. */
export function denseNet(sizes: readonly number[]): { params: number; activations: number } {
  let params = 0;
  let activations = 0;
  for (let i = 1; i < sizes.length; i++) {
    params += sizes[i - 1]! * sizes[i]! + sizes[i]!;
    activations += sizes[i]!;
  }
  return { params, activations };
}

/** A list of positive counts as written, or the fallback. */
export const counts = (v: unknown, fallback: readonly number[]): number[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x > 0)
    ? (v as number[])
    : [...fallback];
