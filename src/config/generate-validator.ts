import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { SCHEMA_PATH } from './schema.js';
import { generateValidatorModule } from './validator-code.js';

/** Where the generated validator lives (a source file: tsc compiles it with the rest). */
export const GENERATED_PATH = 'src/config/experiment-validator.generated.ts';

/** Writes the precompiled validator for the current schema. Run after editing the schema. */
function main(): void {
  const root = packageRoot();
  const code = generateValidatorModule(readFileSync(path.join(root, SCHEMA_PATH), 'utf8'));
  writeFileSync(path.join(root, GENERATED_PATH), code);
  process.stdout.write(`wrote ${GENERATED_PATH} (${code.length} characters)\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) main();
