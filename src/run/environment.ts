import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageVersion } from '../util/package-root.js';
import type { EnvironmentInfo } from '../types/run-events.js';

/** TensorFlow.js' version from its package.json: a cached run records it without loading TensorFlow.js. */
function tfjsVersion(): string {
  // Read as a file, not required: not even TensorFlow.js' package.json is loaded as a module.
  const file = createRequire(import.meta.url).resolve('@tensorflow/tfjs/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const commits = new Map<string, Promise<string | undefined>>();

/**
 * The git commit of the folder a run starts in, looked up once per folder. `aelab run` starts the
 * lookup (a child process) before it plans, so that it waits for git beside the planning rather
 * than after it.
 */
export function lookUpGitCommit(projectDir: string): Promise<string | undefined> {
  let commit = commits.get(projectDir);
  if (!commit) {
    commit = promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: projectDir, timeout: 5000 }).then(
      ({ stdout }) => stdout.trim() || undefined,
      () => undefined, // not a git checkout, or no git: the run is still recorded
    );
    commits.set(projectDir, commit);
  }
  return commit;
}

/** What a run needs to be reproduced: backend, versions, the code's git commit, the machine. */
export async function environmentInfo(backend: string, projectDir: string, threads?: number): Promise<EnvironmentInfo> {
  const gitCommit = await lookUpGitCommit(projectDir);
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
