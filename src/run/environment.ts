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
 * Starts looking up the git commit of the folder a run starts in (a child process), or returns the
 * lookup already started there. `aelab run` starts it before it plans, so that it waits for git
 * beside the planning rather than after it; `environmentInfo` takes the started lookup and forgets
 * it, so that a long-lived queue worker asks git again for each job.
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
  const lookup = lookUpGitCommit(projectDir);
  commits.delete(projectDir);
  const gitCommit = await lookup;
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
