// `npm run build`, after tsc: bundles the CLI (dist/src/cli/cli.js and every module it imports at
// start) into dist/bundle/, so that `aelab` starts from a few files instead of the ~200 that Node's
// ESM loader would otherwise find and link one by one (what that saves: docs/performance.md, "The
// bundled CLI"). dist/src/cli/main.js chooses between the bundle and the files.
//
// - Lazy imports stay lazy: with splitting, each `import()` becomes its own chunk, loaded when it is
//   called, so that a cached rerun or `validate` still loads no training code, TensorFlow.js or vega.
// - Packages stay in node_modules (native addons, and files that packages find next to their code),
//   except the plain-JavaScript ones that every run loads: yaml's 72 CommonJS files would be most
//   of what is left to load one by one, and the run lock's proper-lockfile brings four packages.
// - `import.meta.url` keeps meaning the module's own file under dist/src/, so that modules still
//   find what lies next to them (the trial worker, the wasm kernels, the package root) and resolve
//   packages from there.
// - dist/bundle/inputs.json lists the files the bundle was built from: main.js does not use a
//   bundle older than any of them (tsc run alone).
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outdir = path.join(dist, 'bundle');
const BUNDLED_PACKAGES = new Set([
  'yaml',
  'proper-lockfile',
  'graceful-fs',
  'retry',
  'signal-exit',
  'safe-stable-stringify',
  'p-limit',
  'yocto-queue',
  'fastest-levenshtein',
]);

const packagesStayOutside = {
  name: 'packages-stay-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { external: true };
    });
  },
};

// Every `import.meta.url` is replaced (by `define`, in code only, never inside strings) with a
// per-module constant: the URL of that module's own file, resolved against the chunk it landed in.
const MODULE_URL = '__aelabModuleUrl';
const CHUNK_URL = '__aelabChunkUrl';
const ownUrlPerModule = {
  name: 'own-url-per-module',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!args.path.startsWith(path.join(dist, 'src') + path.sep) || !source.includes('import.meta')) return undefined;
      const own = path.relative(outdir, args.path).split(path.sep).join('/');
      return {
        contents: `const ${MODULE_URL} = new URL(${JSON.stringify(own)}, ${CHUNK_URL}).href;\n${source}`,
        loader: 'js',
      };
    });
  },
};

// Chunks are named by their content: a bundle built again must not leave the old ones beside it.
await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: path.join(dist, 'src', 'cli', 'cli.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': MODULE_URL },
  // The banner is not parsed by esbuild, so `define` leaves its import.meta.url alone. yaml, being
  // CommonJS, `require`s Node's own modules, which an ES module can do only through createRequire.
  banner: {
    js: [
      `const ${CHUNK_URL} = import.meta.url;`,
      `import { createRequire as __aelabCreateRequire } from 'node:module';`,
      `const require = __aelabCreateRequire(${CHUNK_URL});`,
    ].join('\n'),
  },
  plugins: [packagesStayOutside, ownUrlPerModule],
  // Stack traces under --enable-source-maps point into src/*.ts through tsc's own maps, as from the files.
  sourcemap: true,
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
});

const inputs = Object.keys(result.metafile.inputs)
  .map((input) => path.relative(dist, path.resolve(root, input)).split(path.sep).join('/'))
  .sort();
await writeFile(path.join(outdir, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
