import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';

test('a badly %-encoded queue password is a one-line error, and a password in --queue gets a warning that ps shows it', async () => {
  const { dir, file } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4] }'), 'sweep.yaml');
  for (const args of [
    ['worker', '--queue', 'redis://:50%zz@127.0.0.1:1'],
    ['run', file, '--queue', 'redis://:50%zz@127.0.0.1:1'],
  ]) {
    const r = await runCli(args, dir);
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `no stack trace: ${r.stderr}`);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    assert.equal(errors.length, 1, r.stderr);
    assert.match(errors[0]!, /%-escape/);
    assert.match(errors[0]!, /AELAB_REDIS_PASSWORD/);
  }
  const shown = await runCli(['plan', file, '--queue', 'redis://:s3cret@127.0.0.1:1'], dir);
  assert.match(
    shown.stderr,
    /warning: the password in --queue is visible to every user of this machine .*ps.*AELAB_REDIS_PASSWORD/,
  );
  assert.ok(!shown.stderr.includes('s3cret') && !shown.stdout.includes('s3cret'));
  const quiet = await runCli(['plan', file, '--queue', 'redis://127.0.0.1:1'], dir);
  assert.doesNotMatch(quiet.stderr, /warning/);
});
