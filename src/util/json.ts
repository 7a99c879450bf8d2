/** Looking into parsed YAML or JSON before it is validated, where any value may be of any type. */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own keys only: `constructor` or `toString` must not count as a data set, a stage or an output. */
export const has = (o: object, key: string): boolean => Object.hasOwn(o, key);
