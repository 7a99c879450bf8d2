import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { packageRoot } from '../util/package-root.js';

export const SCHEMA_PATH = 'schemas/experiment.schema.json';

let compiled: ValidateFunction | undefined;

export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${packageRoot()}/${SCHEMA_PATH}`, 'utf8')) as Record<string, unknown>;
}

/**
 * The experiment schema compiled once per process, in ajv's strict mode. `useDefaults` fills the
 * resolved config; `verbose` keeps each error's parent schema so that unknown keys can be matched
 * against the keys that schema allows.
 */
export function experimentValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, useDefaults: true, verbose: true }).compile(loadSchema());
  return compiled;
}

export type SchemaError = ErrorObject;
