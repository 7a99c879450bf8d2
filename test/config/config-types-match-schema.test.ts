import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { SCHEMA_PATH } from '../../src/config/schema.js';
import { ROOT } from '../support/cli.js';

/**
 * The config types (src/types/experiment-config.ts) describe the experiment after the
 * schema filled in its defaults, so each interface must have exactly the keys of its schema
 * definition, a key must be optional unless the schema requires it or gives it a default, and a
 * key whose type is a set of strings must allow exactly the strings the schema allows. Read
 * with the TypeScript compiler, so a key added to one side and not the other fails here.
 */

type Node = Record<string, unknown>;
const schema = JSON.parse(readFileSync(path.join(ROOT, SCHEMA_PATH), 'utf8')) as Node;
const definitions = schema.definitions as Record<string, Node>;

/** Interface -> the schema definition it mirrors, and its discriminating key (required by the union's schema). */
const MIRRORS: readonly {
  readonly name: string;
  readonly file: string;
  readonly schema: Node;
  readonly discriminator?: string;
}[] = [
  { name: 'ExperimentConfig', file: 'src/types/experiment-config.ts', schema },
  { name: 'TrainConfig', file: 'src/types/experiment-config.ts', schema: definitions.train! },
  { name: 'SweepConfig', file: 'src/types/experiment-config.ts', schema: definitions.sweep! },
  {
    name: 'AutoencoderStageConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.autoencoderStage!,
    discriminator: 'type',
  },
  {
    name: 'ClassifierStageConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.classifierStage!,
    discriminator: 'type',
  },
  {
    name: 'TransformStageConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.transformStage!,
    discriminator: 'type',
  },
  {
    name: 'EvaluateStageConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.evaluateStage!,
    discriminator: 'type',
  },
  {
    name: 'MnistSourceConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.mnistSource!,
    discriminator: 'source',
  },
  {
    name: 'IdxSourceConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.idxSource!,
    discriminator: 'source',
  },
  {
    name: 'UrlSourceConfig',
    file: 'src/types/experiment-config.ts',
    schema: definitions.urlSource!,
    discriminator: 'source',
  },
];

/** The schema a `$ref` points at, or the node itself. */
function resolve(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return {
    ...resolve(definitions[ref.replace('#/definitions/', '')]!),
    ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')),
  };
}

/** The strings a key may hold when the schema lists them (`enum` or `const`), else undefined. */
function schemaStrings(node: Node): string[] | undefined {
  const r = resolve(node);
  if (typeof r.const === 'string') return [r.const];
  if (Array.isArray(r.enum) && r.enum.every((v) => typeof v === 'string')) return [...(r.enum as string[])].sort();
  return undefined;
}

const program = ts.createProgram([...new Set(MIRRORS.map((m) => path.join(ROOT, m.file)))], {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
});
const checker = program.getTypeChecker();

function interfaceType(name: string, file: string): ts.Type {
  const source = program.getSourceFile(path.join(ROOT, file));
  assert.ok(source, `${file} is not part of the program`);
  const decl = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  assert.ok(decl, `${file} has no interface ${name}`);
  return checker.getTypeAtLocation(decl);
}

/** The string literals a TypeScript type allows, when it is made of string literals only (undefined aside). */
function typeStrings(type: ts.Type): string[] | undefined {
  const parts = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  if (!parts.length || !parts.every((t) => t.isStringLiteral())) return undefined;
  return parts.map((t) => (t as ts.StringLiteralType).value).sort();
}

for (const mirror of MIRRORS) {
  test(`${mirror.name} has the keys, the optional keys and the allowed strings of its schema definition`, () => {
    const type = interfaceType(mirror.name, mirror.file);
    const props = (mirror.schema.properties ?? {}) as Record<string, Node>;
    const required = new Set([
      ...((mirror.schema.required as string[] | undefined) ?? []),
      ...(mirror.discriminator ? [mirror.discriminator] : []),
    ]);
    const tsKeys = checker
      .getPropertiesOfType(type)
      .map((p) => p.name)
      .sort();
    assert.deepEqual(tsKeys, Object.keys(props).sort(), `${mirror.name}: keys differ from the schema's`);
    for (const symbol of checker.getPropertiesOfType(type)) {
      const key = symbol.name;
      const node = props[key]!;
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      const filled = required.has(key) || 'default' in node || 'default' in resolve(node);
      assert.equal(
        optional,
        !filled,
        `${mirror.name}.${key}: ${filled ? 'the schema requires it or gives a default, so it is always there' : 'the schema neither requires it nor gives a default'}, but the type says ${optional ? 'optional' : 'required'}`,
      );
      const expected = schemaStrings(node);
      if (expected)
        assert.deepEqual(
          typeStrings(checker.getTypeOfSymbolAtLocation(symbol, symbol.declarations![0]!)),
          expected,
          `${mirror.name}.${key}: allowed strings differ from the schema's`,
        );
    }
  });
}
