import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { environmentInfo, lookUpGitCommit } from '../../src/run/environment.js';
import { skipUnless } from '../support/requirements.js';

// A source tarball on a bare machine may have no git: aelab records runs without a commit there
// (the second test), and this one has nothing to check.
const gitSkip = skipUnless('git', () => spawnSync('git', ['--version']).status === 0, 'git is not installed');

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-git-commit-'));
  dirs.push(dir);
  return dir;
}

test("a run started in a git checkout records that checkout's commit, looked up once", { skip: gitSkip }, async () => {
  const dir = await tempDir();
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q');
  await writeFile(path.join(dir, 'experiment.yaml'), 'name: x\n');
  git('add', 'experiment.yaml');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'one');
  const head = git('rev-parse', 'HEAD').trim();

  // `aelab run` starts the lookup before it plans; the environment then reads the same promise.
  const started = lookUpGitCommit(dir);
  assert.equal(lookUpGitCommit(dir), started);
  const environment = await environmentInfo('wasm', dir, 2);
  assert.equal(environment.gitCommit, head);
  assert.equal(environment.backend, 'wasm');
  assert.equal(environment.threads, 2);
});

test('a run started outside any git checkout is recorded without a commit', async () => {
  const dir = await tempDir();
  const environment = await environmentInfo('cpu', dir);
  assert.equal(environment.gitCommit, undefined);
  assert.equal('gitCommit' in environment, false);
});
