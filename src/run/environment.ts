import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { packageVersion } from '../util/package-root.js';
import type { EnvironmentInfo } from '../types/run-events.js';

/** TensorFlow.js' version from its package.json: a cached run records it without loading TensorFlow.js. */
function tfjsVersion(): string {
  return (createRequire(import.meta.url)('@tensorflow/tfjs/package.json') as { version: string }).version;
}

/** What a run needs to be reproduced: backend, versions, the code's git commit, the machine. */
export async function environmentInfo(backend: string, projectDir: string, threads?: number): Promise<EnvironmentInfo> {
  let gitCommit: string | undefined;
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: projectDir, timeout: 5000 });
    gitCommit = stdout.trim() || undefined;
  } catch {
    gitCommit = undefined; // not a git checkout, or no git: the run is still recorded
  }
  return {
    backend,
    ...(threads === undefined ? {} : { threads }),
    aelab: packageVersion(),
    node: process.version,
    tfjs: tfjsVersion(),
    platform: `${process.platform}-${process.arch}`,
    hostname: os.hostname(),
    ...(gitCommit ? { gitCommit } : {}),
  };
}
