/**
 * ESLint for aelab: eslint's and typescript-eslint's recommended rules (the syntactic set, which
 * needs no type information and so stays quick on a small machine), and the rule that files in
 * src/types hold only types. Import boundaries and cycles are dependency-cruiser's job
 * (.dependency-cruiser.js); formatting is prettier's (.prettierrc.json).
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Top-level statements a types-only module may hold; anything else would exist at run time. */
const typeOnlyStatements = [
  'TSTypeAliasDeclaration',
  'TSInterfaceDeclaration',
  'ImportDeclaration[importKind="type"]',
  'ExportNamedDeclaration[exportKind="type"]',
  'ExportAllDeclaration[exportKind="type"]',
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'runs/**', '.venv*/**', '.cache/**', '.scratch/**', '**/*.generated.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's signature, a tuple slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/types/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Program > :not(${typeOnlyStatements.join(', ')})`,
          message:
            'src/types holds types only: `export type`, `export interface`, `import type` and `export type … from`.',
        },
      ],
    },
  },
);
