import { didYouMean } from '../diagnostics/suggest.js';
import { isObject, type Json } from '../util/json.js';

/** `stages.ae.latent` -> ['stages', 'ae', 'latent']. */
export function splitSettingPath(dotted: string): string[] {
  return dotted.split('.');
}

/**
 * A copy of `data` with the setting at a dotted path replaced. Only the maps along the path are
 * copied. The top two levels must exist (`stages.ea.latent` names no stage, and that is worth a
 * "did you mean"); deeper maps that are absent (`stages.ae.noise.amount` on a stage without
 * `noise:`) are created, and the schema then decides whether the keys are allowed there.
 */
export function withSetting(
  data: unknown,
  dotted: string,
  value: unknown,
): { ok: true; value: Json } | { ok: false; message: string; hint?: string } {
  const keys = splitSettingPath(dotted);
  if (!isObject(data) || keys.some((k) => k === ''))
    return { ok: false, message: `\`${dotted}\` is not a setting path` };
  const root: Json = { ...data };
  let node: Json = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined && i >= 2) {
      node[key] = {};
    } else if (!isObject(next)) {
      const where = keys.slice(0, i).join('.') || 'the experiment';
      const hint = didYouMean(key, Object.keys(node));
      const missing =
        i === 1 && keys[0] === 'stages'
          ? `there is no stage \`${key}\``
          : i === 1 && keys[0] === 'data'
            ? `there is no data set \`${key}\``
            : `\`${where}\` has no \`${key}\``;
      const why = next === undefined ? missing : `\`${keys.slice(0, i + 1).join('.')}\` is a single value, not a map`;
      return {
        ok: false,
        message: `\`${dotted}\` names no setting: ${why}`,
        ...(hint && next === undefined ? { hint } : {}),
      };
    } else {
      node[key] = { ...next };
    }
    node = node[key] as Json;
  }
  node[keys[keys.length - 1]!] = value;
  return { ok: true, value: root };
}

export function getSetting(data: unknown, dotted: string): unknown {
  let node: unknown = data;
  for (const key of splitSettingPath(dotted)) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
