import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface TestRun {
  readonly code: number | null;
  /** stdout and stderr together, in the order they came. */
  readonly output: string;
}

/** Runs `npm test`'s runner (scripts/test.mjs, after the build) on some test files, as a person would. */
export function runTests(files: readonly string[], env: NodeJS.ProcessEnv): Promise<TestRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'test.mjs'), ...files], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
