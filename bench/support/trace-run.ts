import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';

/**
 * Runs the CLI with module tracing on; returns its exit code and every module it loaded. The trace
 * is code loaded first, so dist/src/cli/main.js runs the CLI from its files, one module each
 * (main.ts says why); `entry: 'dist/bundle/cli.js'` traces the bundle that `aelab` runs otherwise.
 */
export function tracedCli(
  args: readonly string[],
  cwd: string,
  entry = 'dist/src/cli/main.js',
): { status: number | null; stderr: string; modules: string[] } {
  const root = packageRoot();
  const dir = mkdtempSync(path.join(tmpdir(), 'aelab-trace-'));
  const trace = path.join(dir, 'modules.txt');
  try {
    const result = spawnSync(
      process.execPath,
      ['--import', path.join(root, 'dist/bench/support/module-trace.js'), path.join(root, entry), ...args],
      {
        cwd,
        env: { ...process.env, AELAB_MODULE_TRACE: trace, NO_COLOR: '1' },
        encoding: 'utf8',
      },
    );
    let modules: string[] = [];
    try {
      modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    } catch {
      /* nothing recorded */
    }
    return { status: result.status, stderr: result.stderr, modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
