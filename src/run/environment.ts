import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { packageVersion } from '../util/package-root.js';
import type { EnvironmentInfo } from '../types/run-events.js';

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
    tfjs: tf.version.tfjs,
    platform: `${process.platform}-${process.arch}`,
    hostname: os.hostname(),
    ...(gitCommit ? { gitCommit } : {}),
  };
}
