// Assembles the hand-written WebAssembly kernels (src/**/*.wat: today src/backend/wasm/simd/)
// into the same folder under dist/ (dist/src/backend/wasm/simd/), next to the compiled
// TypeScript that loads them (simd/kernels.ts looks beside itself). Each file imports
// tfjs-wasm's memory, which is shared in its threaded build and not in its single-threaded one,
// and an import must match: each .wat gives two binaries, NAME.shared.wasm and NAME.wasm
// (MEMORY_SHARING in the text is `shared` or nothing).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wabt = await wabtFactory();
const features = { simd: true, threads: true, bulk_memory: true };

function* watFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* watFiles(full);
    else if (entry.name.endsWith('.wat')) yield full;
  }
}

let count = 0;
for (const file of watFiles(path.join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  const outDir = path.join(root, 'dist', path.relative(root, path.dirname(file)));
  mkdirSync(outDir, { recursive: true });
  for (const [suffix, sharing] of [
    ['.shared.wasm', 'shared'],
    ['.wasm', ''],
  ]) {
    const module = wabt.parseWat(path.relative(root, file), text.replaceAll('MEMORY_SHARING', sharing), features);
    try {
      module.validate(features);
      const { buffer } = module.toBinary({});
      writeFileSync(path.join(outDir, path.basename(file, '.wat') + suffix), buffer);
      count++;
    } finally {
      module.destroy();
    }
  }
}
console.log(`build-wasm: ${count} WebAssembly binaries in dist/`);
