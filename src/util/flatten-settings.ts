import { isObject } from './json.js';

/**
 * Every leaf setting as dotted key -> value (lists kept whole): the one flattening used for a
 * run's params, MLflow's params and comparisons.
 */
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
