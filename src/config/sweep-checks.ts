import { error, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { rangeAt } from './locate.js';
import { formatBytes, memoryLimit } from './memory.js';
import { estimateInContext, semanticDiagnostics, type SemanticContext } from './semantic.js';
import { settingErrors } from './setting-errors.js';
import { getSetting, withSetting } from './settings.js';
import { isObject } from '../util/json.js';
import { thousands } from '../util/thousands.js';

/** More trials than this is a typo (a grid of ten settings), not an experiment. */
export const MAX_TRIALS = 10_000;

type Kind = 'grid' | 'zip' | 'random';

/**
 * What the schema cannot see in a sweep: every key must name a setting, every value must be
 * valid for that setting (its type, and everything semantic.ts checks, e.g. a reference or a
 * size), zip lists must be equally long, distributions must fit their setting, and the whole
 * sweep must stay a sane number of trials that each fit in memory.
 */
export function sweepDiagnostics(data: unknown, ctx: SemanticContext): Diagnostic[] {
  if (!isObject(data) || !isObject(data.sweep)) return [];
  const { doc, file } = ctx;
  const sweep = data.sweep;
  const out: Diagnostic[] = [];
  const base: Record<string, unknown> = { ...data };
  delete base.sweep;
  const baseSemantic = new Set(semanticDiagnostics(base, ctx).map((d) => `${d.severity}:${d.message}`));
  const at = (p: readonly (string | number)[], target: 'key' | 'value' = 'value'): Location => ({
    file,
    range: rangeAt(doc, p, target),
  });
  /** The values each valid key takes, for the trial count and the memory bound. */
  const candidates = new Map<string, unknown[]>();
  const firstKind = new Map<string, Kind>();

  /** Checks a key; returns false (after reporting) when it names no setting. */
  const checkKey = (kind: Kind, key: string, keyPath: (string | number)[]): boolean => {
    const keyAt = at(keyPath, 'key');
    const earlier = firstKind.get(key);
    if (earlier) {
      out.push(
        error(`sweep key \`${key}\` is already swept by \`${earlier}\`; a setting can vary in one way only`, keyAt),
      );
      return false;
    }
    firstKind.set(key, kind);
    if (!/^(stages|data)\./.test(key) && key !== 'seed') {
      const hint = didYouMean(key.split('.').pop()!, ['seed']);
      out.push(
        error(
          `sweep key \`${key}\` names no setting: sweep keys start with \`stages.\` or \`data.\`, or are \`seed\``,
          keyAt,
          hint ? { hint } : {},
        ),
      );
      return false;
    }
    const probe = withSetting(base, key, getSetting(base, key) ?? 0);
    if (!probe.ok) {
      out.push(
        error(
          probe.message.replace(/^`[^`]+` names no setting/, `sweep key \`${key}\` names no setting`),
          keyAt,
          probe.hint ? { hint: probe.hint } : {},
        ),
      );
      return false;
    }
    const unknown = settingErrors(probe.value, key, keyAt, doc).find((d) => d.message.startsWith('unknown key'));
    if (unknown) {
      out.push({ ...unknown, message: `sweep key \`${key}\` names no setting: ${unknown.message}` });
      return false;
    }
    return true;
  };

  /** Checks one value for a key: the schema first, then what semantic checks it adds. */
  const checkValue = (key: string, value: unknown, valueAt: Location, label = 'sweep value'): boolean => {
    const set = withSetting(base, key, value);
    if (!set.ok) return false;
    const schema = settingErrors(set.value, key, valueAt, doc);
    out.push(...schema.map((d) => ({ ...d, message: `${label}: ${d.message}` })));
    if (schema.length) return false;
    for (const d of semanticDiagnostics(set.value, ctx)) {
      if (!baseSemantic.has(`${d.severity}:${d.message}`))
        out.push({
          ...d,
          message: `${label} ${JSON.stringify(value)} for \`${key}\`: ${d.message}`,
          location: valueAt,
          related: [],
        });
    }
    return true;
  };

  for (const kind of ['grid', 'zip'] as const) {
    const lists = sweep[kind];
    if (!isObject(lists)) continue;
    for (const [key, values] of Object.entries(lists)) {
      if (!checkKey(kind, key, ['sweep', kind, key]) || !Array.isArray(values)) continue;
      candidates.set(key, values);
      const seen = new Map<string, number>();
      values.forEach((value, i) => {
        const valueAt = at(['sweep', kind, key, i]);
        const text = JSON.stringify(value);
        if (seen.has(text))
          out.push(warning(`the value ${text} is listed twice for \`${key}\`; its trials would be the same`, valueAt));
        seen.set(text, i);
        checkValue(key, value, valueAt);
      });
    }
    if (kind === 'zip') {
      const lengths = Object.values(lists).map((v) => (Array.isArray(v) ? v.length : 0));
      if (new Set(lengths).size > 1) {
        out.push(
          error(
            `the lists under \`sweep.zip\` are taken together, so they must be equally long; they have ${lengths.join(', ')} values`,
            at(['sweep', 'zip'], 'key'),
          ),
        );
      }
    }
  }

  const random = isObject(sweep.random) && isObject(sweep.random.params) ? sweep.random.params : {};
  for (const [key, dist] of Object.entries(random)) {
    const keyPath = ['sweep', 'random', 'params', key];
    if (!checkKey('random', key, keyPath) || !isObject(dist)) continue;
    const [name, spec] = Object.entries(dist)[0] ?? [];
    if (!Array.isArray(spec)) continue;
    const specAt = (i?: number) => at(i === undefined ? [...keyPath, name!] : [...keyPath, name!, i]);
    if (name === 'choice') {
      candidates.set(key, spec);
      spec.forEach((value, i) => checkValue(key, value, specAt(i), 'choice'));
      continue;
    }
    const [lo, hi] = spec as [unknown, unknown];
    if (typeof lo !== 'number' || typeof hi !== 'number' || (name === 'log_uniform' && lo <= 0)) continue; // the schema says why
    if (name === 'int' ? lo > hi : lo >= hi) {
      out.push(
        error(
          `\`${name}: [${lo}, ${hi}]\` is empty: the low bound must be ${name === 'int' ? 'at most' : 'below'} the high one`,
          specAt(),
        ),
      );
      continue;
    }
    candidates.set(key, [hi]);
    if (name === 'uniform' || name === 'log_uniform') {
      // Draws are fractional: a setting that must be whole would fail in most trials.
      const whole = withSetting(base, key, 0.5);
      if (whole.ok && settingErrors(whole.value, key, specAt(), doc).some((d) => d.message.includes('whole number'))) {
        out.push(
          error(`\`${name}\` draws fractional numbers, but \`${key}\` must be a whole number`, specAt(), {
            hint: `use \`int: [${Math.ceil(lo)}, ${Math.floor(hi)}]\``,
          }),
        );
        continue;
      }
    }
    if (checkValue(key, lo, specAt(0), `${name} low bound`)) checkValue(key, hi, specAt(1), `${name} high bound`);
  }

  // Repeat k of every point must share its seed to make a pair; a swept seed would undo that.
  if (typeof sweep.repeats === 'number' && sweep.repeats > 1 && firstKind.has('seed'))
    out.push(
      error(
        "`repeats` derives each repeat's seed from `seed`, so `seed` cannot also be swept: repeat k of every point must share its seed to be compared pairwise",
        at(['sweep', 'repeats'], 'key'),
        { hint: 'drop `seed` from the swept keys; `repeats: N` already trains every point on N seeds' },
      ),
    );
  out.push(...sizeOfSweep(sweep, base, candidates, ctx, at));
  return out;
}

/** The number of trials, and whether the largest of them fits in memory. */
function sizeOfSweep(
  sweep: Record<string, unknown>,
  base: Record<string, unknown>,
  candidates: Map<string, unknown[]>,
  ctx: SemanticContext,
  at: (p: (string | number)[], target?: 'key' | 'value') => Location,
): Diagnostic[] {
  const lengths = (v: unknown) => (isObject(v) ? Object.values(v).map((l) => (Array.isArray(l) ? l.length : 1)) : []);
  const grid = lengths(sweep.grid).reduce((a, b) => a * b, 1);
  const zip = isObject(sweep.zip) ? Math.min(...lengths(sweep.zip)) : 1;
  const samples = isObject(sweep.random) && typeof sweep.random.samples === 'number' ? sweep.random.samples : 1;
  const repeats = typeof sweep.repeats === 'number' ? sweep.repeats : 1;
  const trials = grid * zip * samples * repeats;
  if (trials > MAX_TRIALS) {
    return [
      error(
        `the sweep expands to ${thousands(trials)} trials; at most ${thousands(MAX_TRIALS)} are allowed`,
        at(['sweep'], 'key'),
        { hint: 'sweep fewer settings at once, or use `random` with a number of `samples`' },
      ),
    ];
  }
  // Memory grows with every size setting, so the largest trial takes, for each key, the value
  // that costs most on its own.
  let worst: Record<string, unknown> = base;
  let worstKey: string | undefined;
  let worstBytes = estimateInContext(base, ctx).bytes;
  let singleOver = false;
  const limit = ctx.memoryLimit ?? memoryLimit();
  for (const [key, values] of candidates) {
    let best: { bytes: number; value: unknown } | undefined;
    for (const value of values) {
      const set = withSetting(base, key, value);
      if (!set.ok) continue;
      const bytes = estimateInContext(set.value, ctx).bytes;
      if (!best || bytes > best.bytes) best = { bytes, value };
    }
    if (!best) continue;
    if (best.bytes > limit) singleOver = true; // reported at that value already
    const set = withSetting(worst, key, best.value);
    if (!set.ok) continue;
    worst = set.value;
    const bytes = estimateInContext(worst, ctx).bytes;
    if (bytes > worstBytes) {
      worstBytes = bytes;
      worstKey = key;
    }
  }
  if (worstKey === undefined || singleOver || worstBytes <= limit || estimateInContext(base, ctx).bytes > limit)
    return [];
  return [
    error(
      `the largest trial of this sweep needs about ${formatBytes(worstBytes)} of memory, more than the limit of ${formatBytes(limit)}`,
      at(['sweep'], 'key'),
      {
        hint: `it grows most with \`${worstKey}\`; sweep smaller values (or set AELAB_MEMORY_LIMIT_GIB)`,
      },
    ),
  ];
}
