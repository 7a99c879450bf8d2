import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, Options } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The options the experiment schema is compiled with, everywhere: strict mode (a typo in the
 * schema is an error), every error at once, defaults filled in, and `verbose` so that each error
 * carries its parent schema (unknown keys are matched against the keys that schema allows).
 */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, useDefaults: true, verbose: true };

export const schemaHash = (schemaText: string): string => createHash('sha256').update(schemaText).digest('hex');

/**
 * An ajv instance, loaded with `require` so that callers stay synchronous and so that ajv's
 * compiler (slow to load, slower to run) is only loaded when it is really needed.
 */
export function newAjv(extra: Options = {}): AjvClass {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ ...AJV_OPTIONS, ...extra });
}

/**
 * The source of experiment-validator.generated.ts: ajv's standalone code for the schema, so
 * that `aelab validate` does not compile the schema on every start (what that saves:
 * docs/performance.md, "The precompiled validator"). It records
 * the schema's hash; schema.ts falls back to compiling when the two differ.
 */
export function generateValidatorModule(schemaText: string): string {
  const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: AjvClass, fn: unknown) => string })
    .default;
  const ajv = newAjv({ code: { source: true, esm: true, lines: true } });
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(schemaText) as object));
  return [
    '// @ts-nocheck',
    '// Generated from schemas/experiment.schema.json by src/config/generate-validator.ts; do not edit.',
    '// Regenerate after changing the schema: npx tsc -p . && node dist/src/config/generate-validator.js',
    "import { createRequire } from 'node:module';",
    // ajv's ESM output still `require`s its small runtime helpers (e.g. ucs2length).
    'const require = createRequire(import.meta.url);',
    `export const SCHEMA_SHA256 = '${schemaHash(schemaText)}';`,
    code,
    '',
  ].join('\n');
}
