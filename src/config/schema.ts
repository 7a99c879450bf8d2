import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { packageRoot } from '../util/package-root.js';
import * as generated from './experiment-validator.generated.js';
import { newAjv, schemaHash } from './validator-code.js';

export const SCHEMA_PATH = 'schemas/experiment.schema.json';

let schemaText: string | undefined;
let compiled: ValidateFunction | undefined;

function readSchemaText(): string {
  schemaText ??= readFileSync(`${packageRoot()}/${SCHEMA_PATH}`, 'utf8');
  return schemaText;
}

export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readSchemaText()) as Record<string, unknown>;
}

/**
 * The experiment schema's validator, once per process: the precompiled one when it was generated
 * from this very schema text, else compiled now in ajv's strict mode (slower, never stale).
 */
export function experimentValidator(): ValidateFunction {
  if (compiled) return compiled;
  const text = readSchemaText();
  compiled =
    generated.SCHEMA_SHA256 === schemaHash(text)
      ? (generated.default as unknown as ValidateFunction)
      : newAjv().compile(JSON.parse(text) as object);
  return compiled;
}

/** Whether the precompiled validator matches the schema (a test keeps it so). */
export const precompiledIsCurrent = (): boolean => generated.SCHEMA_SHA256 === schemaHash(readSchemaText());

export type SchemaError = ErrorObject;
