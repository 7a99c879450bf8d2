import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelled word, if it is close enough to be a plausible typo:
 * at most a third of the word's length in edits (and at least one), so that "latnet" finds
 * "latent" but "foo" finds nothing among unrelated keys.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  const list = [...candidates];
  // An abbreviation ("recon" for "reconstructions") is a typo too, however many letters it drops.
  const prefixed = lower.length >= 3 ? list.filter((c) => c.toLowerCase().startsWith(lower)) : [];
  if (prefixed.length === 1) return prefixed[0];
  // Two neighbouring letters swapped ("ea" for "ae") is one slip of the fingers, not two edits.
  const swapped = list.filter((c) => isTransposition(lower, c.toLowerCase()));
  if (swapped.length === 1) return swapped[0];
  for (const candidate of list) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}

/** "a, b or c", for listing allowed values in a message. */
export function listOf(values: readonly unknown[], conjunction = 'or'): string {
  const shown = values.map((v) => `\`${String(v)}\``);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}
