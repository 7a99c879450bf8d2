import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { runFolders } from '../support/runs.js';

const PASSWORD = 'hunter2-of-alice';

test('an MLflow password in tracking.mlflow.uri, --mlflow or MLFLOW_TRACKING_URI is refused before anything runs, pointing at the environment variables', async () => {
  const withUri = `${oneStageExperiment('creds')}tracking:\n  mlflow: { uri: "http://alice:${PASSWORD}@127.0.0.1:5999" }\n`;
  const { dir, file } = await writeExperiment(withUri, 'creds.yaml');
  const validate = await runCli(['validate', file], dir);
  assert.equal(validate.code, 1, validate.stdout + validate.stderr);
  assert.match(validate.stdout + validate.stderr, /tracking\.mlflow\.uri.*credentials/);
  assert.match(validate.stdout + validate.stderr, /MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD/);
  assert.doesNotMatch(validate.stdout + validate.stderr.replace(/^\s*\d+ \|.*$/gm, ''), new RegExp(PASSWORD));

  const honest = await writeExperiment(oneStageExperiment('creds'), 'plain.yaml');
  for (const [args, env, named] of [
    [['run', honest.file, '--mlflow', `http://alice:${PASSWORD}@127.0.0.1:5999`], {}, /--mlflow/],
    [['run', honest.file], { MLFLOW_TRACKING_URI: `http://alice:${PASSWORD}@127.0.0.1:5999` }, /MLFLOW_TRACKING_URI/],
    [['run', file], {}, /tracking\.mlflow\.uri/],
  ] as const) {
    const r = await runCli(args, honest.dir, env);
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, named);
    assert.match(r.stderr, /MLFLOW_TRACKING_USERNAME/);
    assert.ok(!r.stdout.includes(PASSWORD), r.stdout);
    assert.ok(!r.stderr.replace(/^\s*\d+ \|.*$/gm, '').includes(PASSWORD), r.stderr);
  }
  assert.deepEqual(await runFolders(honest.dir), [], 'nothing was run or written');
  // Without credentials in it, the same file validates.
  const ok = await runCli(['validate', honest.file], honest.dir);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(path.basename(honest.file), 'plain.yaml');
});
