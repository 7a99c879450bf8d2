import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../support/cli.js';

/** Lints planted text as if it were a file of src/types, with the project's eslint.config.js. */
async function lintAsTypesFile(text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, 'src/types/planted.ts') });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('a file of src/types holding only types passes eslint', async () => {
  const messages = await lintAsTypesFile(
    [
      "import type { Stats } from 'node:fs';",
      "export type { Emit } from '../events.js';",
      'export interface Shape { readonly size: Stats["size"] }',
      'export type Kind = "a" | "b";',
      '',
    ].join('\n'),
  );
  assert.deepEqual(messages, []);
});

test('a value, a value import or an enum in src/types fails eslint, naming no-restricted-syntax', async () => {
  for (const line of [
    'export const limit = 3;',
    "import { readFileSync } from 'node:fs';",
    'export enum Kind { A, B }',
    'export function make(): void {}',
  ]) {
    const messages = await lintAsTypesFile(`${line}\nexport type Kind2 = 'a';\n`);
    assert.ok(
      messages.some((m) => m.startsWith('no-restricted-syntax: src/types holds types only')),
      `${line}: ${messages.join('; ')}`,
    );
  }
});
