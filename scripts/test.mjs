// npm test (after the build): prepare, once and before any test starts, what the tests need that
// can be installed without root, run Node's test runner, and end with one line saying which tests
// were skipped for want of what, and the command that brings it.
//
//   node scripts/test.mjs                      # every test under dist/test/
//   node scripts/test.mjs dist/test/a.test.js  # some files (npm test -- FILE... does the same)
//
// Preparing: MLflow's virtualenv (scripts/ensure-mlflow.sh, into $AELAB_VENV or .venv). Test files
// run in parallel, so two that start MLflow on a fresh clone would otherwise install it at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const say = (line) => process.stdout.write(`npm test: ${line}\n`);

const venv = process.env.AELAB_VENV ?? path.join(root, '.venv');
if (!existsSync(path.join(venv, 'bin', 'mlflow'))) {
  const shown = path.relative(process.cwd(), venv);
  const where = shown && !shown.startsWith('..') ? shown : venv;
  say(`installing MLflow into ${where} for the tracking tests (once; a few minutes)`);
}
const ensured = spawnSync('bash', [path.join(root, 'scripts', 'ensure-mlflow.sh')], { stdio: 'inherit' });
// On failure the tests still run: the ones that need MLflow then fail with the script's reason,
// so that the runner's own counts and exit code stay what CI reads.
if (ensured.status !== 0) say('MLflow could not be installed (see above); the tests that need it will fail');

const files = process.argv.slice(2);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'aelab-test-'));
const summary = path.join(tmp, 'skips.txt');
// Node's own default: spec on a terminal, TAP otherwise.
const reporter = process.stdout.isTTY ? 'spec' : 'tap';
const args = [
  '--test',
  `--test-reporter=${reporter}`,
  '--test-reporter-destination=stdout',
  `--test-reporter=${pathToFileURL(path.join(root, 'scripts', 'test-skips-reporter.mjs')).href}`,
  `--test-reporter-destination=${summary}`,
  ...(files.length > 0 ? files : ['dist/test/']),
];
// Run from a test of this script, the runner's own marker would make this run report to it.
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;
const child = spawn(process.execPath, args, { stdio: 'inherit', env });
// Ctrl-C reaches the runner by itself (same process group); a SIGTERM sent to this script is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('close', (code, signal) => {
  if (existsSync(summary)) say(readFileSync(summary, 'utf8').trim());
  rmSync(tmp, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
