import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT, type CliResult } from '../support/cli.js';
import { oneStageExperiment } from '../support/experiment-file.js';
import { skipUnless } from '../support/requirements.js';

let project = '';
after(() => (project ? rm(project, { recursive: true, force: true }) : undefined));

/**
 * A checkout as `npm ci` leaves it where tfjs-node's download failed (npm then drops it): this
 * repository's package.json, scripts, schemas and build, and its packages linked in, all but tfjs-node.
 */
async function checkoutWithoutTfjsNode(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-install-'));
  for (const item of ['package.json', 'scripts', 'schemas', 'dist']) {
    await cp(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  }
  const modules = path.join(dir, 'node_modules');
  await mkdir(path.join(modules, '@tensorflow'), { recursive: true });
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name !== '@tensorflow') await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  for (const name of await readdir(path.join(ROOT, 'node_modules', '@tensorflow'))) {
    if (name === 'tfjs-node') continue;
    await symlink(path.join(ROOT, 'node_modules', '@tensorflow', name), path.join(modules, '@tensorflow', name));
  }
  return dir;
}

/**
 * A `make` first on PATH, so that a machine without one (a bare Debian) takes the same path as one
 * with it: the install names a missing make before it tries the compiler. The build never gets as
 * far as running it.
 */
async function plantMake(bin: string): Promise<void> {
  await writeFile(path.join(bin, 'make'), '#!/bin/sh\necho "planted make: not for running" >&2\nexit 1\n');
  await chmod(path.join(bin, 'make'), 0o755);
}

function exec(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hasPip = (): boolean => spawnSync('python3', ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0;

test(
  'the install falls back to WebAssembly, saying why, when the native build fails, and the CLI then trains',
  { skip: skipUnless('python3-pip', hasPip, 'the native build needs python3 with pip') },
  async () => {
    project = await checkoutWithoutTfjsNode();
    // A C++ compiler that is there but fails, first on PATH.
    const bin = path.join(project, 'planted-bin');
    await mkdir(bin);
    for (const name of ['g++', 'c++']) {
      await writeFile(path.join(bin, name), '#!/bin/sh\necho "planted compiler: no" >&2\nexit 1\n');
      await chmod(path.join(bin, name), 0o755);
    }
    await plantMake(bin);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    delete env.CXX;
    delete env.AELAB_SKIP_NATIVE;

    const install = await exec('npm', ['run', '--silent', 'postinstall'], project, env);
    assert.equal(install.code, 0, install.stdout + install.stderr);
    const lines = install.stdout.trim().split('\n');
    assert.match(
      lines[0]!,
      /^aelab: building the native TensorFlow backend from PyPI's tensorflow-cpu wheel .*AELAB_SKIP_NATIVE=1 skips it/,
    );
    assert.match(
      lines[1]!,
      new RegExp(
        `^aelab: native backend not built: the C\\+\\+ compiler \\(${bin}/g\\+\\+\\) cannot build a program that does nothing: planted compiler: no; training runs on WebAssembly`,
      ),
    );
    assert.equal(lines.length, 2, install.stdout);
    // It stopped before fetching anything.
    assert.equal(existsSync(path.join(project, 'node_modules', '@tensorflow', 'tfjs-node')), false);
    assert.equal(existsSync(path.join(project, '.cache', 'native', 'build.log')), false);

    await writeFile(path.join(project, 'tiny.yaml'), oneStageExperiment('after-install'));
    // The copy's own CLI, which finds no tfjs-node beside it.
    const cli = path.join(project, 'dist', 'src', 'cli', 'main.js');
    const run = await exec(process.execPath, [cli, 'run', 'tiny.yaml'], project, { ...env, NO_COLOR: '1' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^backend: wasm .*tensorflow skipped: @tensorflow\/tfjs-node is not installed/m);
    assert.match(run.stdout, /finished in /);
  },
);

test('AELAB_SKIP_NATIVE=1 skips the build and says how to do it later', async () => {
  const dir = await checkoutWithoutTfjsNode();
  try {
    const install = await exec('npm', ['run', '--silent', 'postinstall'], dir, {
      ...process.env,
      AELAB_SKIP_NATIVE: '1',
    });
    assert.equal(install.code, 0, install.stderr);
    assert.equal(
      install.stdout,
      'aelab: native backend not built (AELAB_SKIP_NATIVE=1): training runs on WebAssembly; npm run setup:native builds it\n',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing compiler is named in the one line, and the install stays on WebAssembly', async () => {
  const dir = await checkoutWithoutTfjsNode();
  try {
    const bin = path.join(dir, 'planted-bin');
    await mkdir(bin);
    await plantMake(bin);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      CXX: 'no-such-compiler-here',
    };
    delete env.AELAB_SKIP_NATIVE;
    const install = await exec('npm', ['run', '--silent', 'postinstall'], dir, env);
    assert.equal(install.code, 0, install.stderr);
    assert.match(
      install.stdout,
      /^aelab: native backend not built: (python3 with pip and )?a C\+\+ compiler \(no-such-compiler-here\) (is|are) missing; training runs on WebAssembly \(npm run setup:native builds it once they are installed\)\n$/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
