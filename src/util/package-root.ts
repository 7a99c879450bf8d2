import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding aelab's package.json. Compiled files live in dist/src/<part>/, three levels
 * below it; walking up to the first package.json named aelab keeps this true wherever it is called.
 */
export function packageRoot(): string {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string };
      if (pkg.name === 'aelab') return fileURLToPath(dir).replace(/\/$/, '');
    } catch {
      /* not here; go up */
    }
    dir = new URL('..', dir);
  }
  throw new Error('aelab: cannot find its own package.json');
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
