import { didYouMean } from '../diagnostics/suggest.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `stages.ae.latent` -> ['stages', 'ae', 'latent']. */
export function splitSettingPath(dotted: string): string[] {
  return dotted.split('.');
}

/**
 * A copy of `data` with the setting at a dotted path replaced. Only the maps along the path are
 * copied. Fails (with a hint) when a map along the path does not exist, since then the path names
 * no setting at all; the last key itself may be new, as the schema decides whether it is allowed.
 */
export function withSetting(data: unknown, dotted: string, value: unknown): { ok: true; value: Json } | { ok: false; message: string; hint?: string } {
  const keys = splitSettingPath(dotted);
  if (!isObject(data) || keys.some((k) => k === '')) return { ok: false, message: `\`${dotted}\` is not a setting path` };
  const root: Json = { ...data };
  let node: Json = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (!isObject(next)) {
      const where = keys.slice(0, i).join('.') || 'the experiment';
      const hint = didYouMean(key, Object.keys(node));
      return { ok: false, message: `\`${dotted}\` names no setting: ${where} has no \`${key}\``, ...(hint ? { hint } : {}) };
    }
    node[key] = { ...next };
    node = node[key] as Json;
  }
  node[keys[keys.length - 1]!] = value;
  return { ok: true, value: root };
}

export function getSetting(data: unknown, dotted: string): unknown {
  let node: unknown = data;
  for (const key of splitSettingPath(dotted)) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every leaf setting as dotted key -> value (lists kept whole), for params and comparisons. */
export function flattenSettings(data: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(data)) return out;
  for (const [key, value] of Object.entries(data)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) Object.assign(out, flattenSettings(value, dotted));
    else out[dotted] = value;
  }
  return out;
}
