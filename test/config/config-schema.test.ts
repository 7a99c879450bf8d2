import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { GENERATED_PATH } from '../../src/config/generate-validator.js';
import { precompiledIsCurrent, SCHEMA_PATH } from '../../src/config/schema.js';
import { generateValidatorModule } from '../../src/config/validator-code.js';
import { ROOT } from '../support/cli.js';

const schemaText = readFileSync(path.join(ROOT, SCHEMA_PATH), 'utf8');
const schema = JSON.parse(schemaText) as Record<string, unknown>;
type Node = Record<string, unknown>;

test('the experiment schema compiles in ajv strict mode', () => {
  // strict: unknown keywords, ignored `default`s and ambiguous types are errors, not warnings.
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true });
  assert.doesNotThrow(() => ajv.compile(schema));
});

/** Every schema that describes a key: the values of each `properties` map, wherever it is. */
function propertySchemas(node: unknown, at: string, out: [string, Node][] = []): [string, Node][] {
  if (Array.isArray(node)) node.forEach((n, i) => propertySchemas(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value as Node)) out.push([`${at}/properties/${name}`, sub as Node]);
      }
      // `if` holds conditions (which branch applies), not keys a person writes.
      if (key !== 'examples' && key !== 'default' && key !== 'if') propertySchemas(value, `${at}/${key}`, out);
    }
  }
  return out;
}

const resolve = (ref: string): Node =>
  ref
    .slice(2)
    .split('/')
    .reduce<Node>((n, k) => n[k] as Node, schema);

test('every property in the schema has a description, for editor hover help', () => {
  const missing = propertySchemas(schema, '#')
    .filter(
      ([, s]) =>
        typeof s.description !== 'string' &&
        !(typeof s.$ref === 'string' && typeof resolve(s.$ref).description === 'string'),
    )
    .map(([where]) => where);
  assert.deepEqual(missing, []);
});

test('every definition has a description', () => {
  const missing = Object.entries(schema.definitions as Record<string, Node>)
    .filter(([, s]) => typeof s.description !== 'string')
    .map(([name]) => name);
  assert.deepEqual(missing, []);
});

test('every example and default in the schema is valid against the schema itself', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addSchema(schema, 'experiment');
  const bad: string[] = [];
  for (const [where, sub] of propertySchemas(schema, '#')) {
    const check = ajv.compile({ $ref: `experiment${where}` });
    for (const value of [...((sub.examples as unknown[]) ?? []), ...('default' in sub ? [sub.default] : [])]) {
      if (!check(structuredClone(value))) bad.push(`${where}: ${JSON.stringify(value)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the precompiled validator was generated from the current schema', () => {
  assert.ok(precompiledIsCurrent(), 'run: npx tsc -p . && node dist/src/config/generate-validator.js');
  assert.equal(readFileSync(path.join(ROOT, GENERATED_PATH), 'utf8'), generateValidatorModule(schemaText));
});
