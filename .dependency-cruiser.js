/**
 * Import boundaries of aelab (issue 14): the layering of src/ that README's Development section
 * states, no import cycle between files or between folders, and bench/ never imports test/.
 * `npm run lint` runs this; test/project/lint-import-boundaries.test.ts plants violations to prove it bites.
 *
 * Every import counts, `import type` and `import()` included: a type-only or lazy import upward is
 * still a dependency of the lower folder on the upper one.
 */

/**
 * Each folder of src/ and the folders it may import (besides itself). Imports only go down this
 * list, so the folders cannot form a cycle as long as each entry names only folders above it.
 */
export const layers = {
  types: [],
  util: ['types'],
  diagnostics: ['util', 'types'],
  graph: ['util', 'types'],
  backend: ['util', 'types'],
  data: ['diagnostics', 'util', 'types'],
  pictures: ['util', 'types'],
  analysis: ['util', 'types'],
  models: ['backend', 'util', 'types'],
  stages: ['models', 'data', 'pictures', 'analysis', 'backend', 'graph', 'diagnostics', 'util', 'types'],
  config: ['stages', 'diagnostics', 'graph', 'data', 'util', 'types'],
  plan: ['config', 'stages', 'graph', 'util', 'types'],
  cache: ['util', 'types'],
  'run-store': ['util', 'types'],
  run: ['plan', 'cache', 'run-store', 'stages', 'backend', 'data', 'config', 'graph', 'util', 'types'],
  report: ['run-store', 'pictures', 'analysis', 'plan', 'stages', 'config', 'util', 'types'],
  tracking: ['run-store', 'util', 'types'],
  cli: null, // anything in src/
};

const folders = Object.keys(layers);
const anyOf = (names) => names.map((name) => name.replace(/[-]/g, '\\-')).join('|');

const layerRules = Object.entries(layers)
  .filter(([, allowed]) => allowed !== null)
  .map(([folder, allowed]) => ({
    name: `layer-${folder}`,
    comment: `src/${folder} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'}`,
    severity: 'error',
    from: { path: `^src/${anyOf([folder])}/` },
    to: { path: '^src/', pathNot: `^src/(${anyOf([folder, ...allowed])})/` },
  }));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle between files: a cycle makes load order and layering meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'No import cycle between folders of src/.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { path: '^src/', circular: true },
    },
    ...layerRules,
    {
      name: 'layer-unknown-folder',
      comment: `Every file of src/ lives in one of the layered folders (${folders.join(', ')}); a new folder gets a place in the layering first.`,
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${anyOf(folders)})/` },
      to: {},
    },
    {
      name: 'layer-unknown-folder',
      comment: 'Nothing imports a file of src/ that lives outside the layered folders.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: `^src/(${anyOf(folders)})/` },
    },
    {
      name: 'types-import-types-only',
      comment: 'src/types holds types only: it may take types from packages, never their values.',
      severity: 'error',
      from: { path: '^src/types/' },
      to: { pathNot: '^src/types/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'models-ask-backend-capabilities',
      comment: "Models ask src/backend/capabilities.ts what the active backend offers, never a backend's own files.",
      severity: 'error',
      from: { path: '^src/models/' },
      to: { path: '^src/backend/(wasm|native)/' },
    },
    {
      name: 'src-not-to-test-or-bench',
      comment: 'The program never depends on its tests or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'bench-not-to-test',
      comment: 'Benchmarks may use src/, never test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: false } },
  },
};
