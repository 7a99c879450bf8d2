import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aelab-json-'));
  const ok = 'name: ok\ndata:\n  digits: { source: mnist }\nstages:\n  ae: { type: autoencoder, input: digits }\n';
  await writeFile(path.join(dir, 'good.yaml'), ok);
  await writeFile(path.join(dir, 'warned.yaml'), ok.replace('input: digits }', 'input: digits, latent: 900 }'));
  await writeFile(
    path.join(dir, 'bad.yaml'),
    ok.replace('input: digits', 'input: digts').replace('type: autoencoder', 'type: autoencoder, latnet: 3'),
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('validate --json prints one parseable document with every file and exits 1 if any failed', async () => {
  const result = await runCli(['validate', '--json', 'good.yaml', 'bad.yaml', 'missing.yaml'], dir);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const report = JSON.parse(result.stdout) as {
    valid: boolean;
    files: {
      file: string;
      valid: boolean;
      errors: number;
      diagnostics: {
        severity: string;
        message: string;
        hint?: string;
        location?: {
          file: string;
          start: { line: number; col: number; offset: number };
          end: { line: number; col: number };
        };
      }[];
    }[];
  };
  assert.equal(report.valid, false);
  assert.deepEqual(
    report.files.map((f) => [f.file, f.valid, f.errors]),
    [
      ['good.yaml', true, 0],
      ['bad.yaml', false, 2],
      ['missing.yaml', false, 1],
    ],
  );
  const [latnet, digts] = report.files[1]!.diagnostics;
  const text = await readFile(path.join(dir, 'bad.yaml'), 'utf8');
  const start = text.indexOf('latnet');
  const col = start - text.lastIndexOf('\n', start);
  assert.deepEqual(latnet, {
    severity: 'error',
    message: 'unknown key `latnet` in `stages.ae`',
    location: {
      file: 'bad.yaml',
      start: { offset: start, line: 5, col },
      end: { offset: start + 6, line: 5, col: col + 6 },
    },
    hint: 'did you mean `latent`?',
  });
  assert.equal(digts!.location!.start.line, 5);
  assert.equal(digts!.hint, 'did you mean `digits`?');
  assert.deepEqual(
    report.files[2]!.diagnostics.map((d) => d.message),
    ['no such file'],
  );
});

test('warnings are shown but do not fail validation', async () => {
  const result = await runCli(['validate', 'warned.yaml', 'good.yaml'], dir);
  assert.equal(result.code, 0);
  assert.match(result.stderr, /^warned\.yaml:5:51: warning: latent size 900 is not smaller than the input/);
  assert.match(result.stderr, /warned\.yaml: ok \(0 errors, 1 warning\)\ngood\.yaml: ok \(0 errors, 0 warnings\)\n$/);
});

test('validating several files reports each, in order, and writes nothing', async () => {
  const result = await runCli(['validate', 'bad.yaml', 'good.yaml'], dir);
  assert.equal(result.code, 1);
  const statuses = result.stderr.split('\n').filter((l) => /: (ok|invalid) \(/.test(l));
  assert.deepEqual(statuses, ['bad.yaml: invalid (2 errors, 0 warnings)', 'good.yaml: ok (0 errors, 0 warnings)']);
  assert.deepEqual((await readdir(dir)).sort(), ['bad.yaml', 'good.yaml', 'warned.yaml']);
});
