// `npm run build` recreates dist/, and tsc writes files without the execute bit: `npx aelab` then
// fails with "Permission denied". npm sets the bit only when it links a package's bins (npm ci),
// not after a rebuild, so the build sets it on every bin of package.json itself.
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const bin of bins) await chmod(path.join(root, bin), 0o755);
