import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli.js';
import { oneStageExperiment, writeExperiment } from '../support/experiment-file.js';
import { tracedCli } from '../../bench/support/trace-run.js';

test('a rerun whose every stage is cached loads no TensorFlow.js module, and its report draws no chart again (no vega, opentype.js or resvg)', async () => {
  const { dir } = await writeExperiment(oneStageExperiment('rerun'), 'rerun.yaml');
  const first = await runCli(['run', 'rerun.yaml'], dir);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  const { status, modules, stderr } = tracedCli(['run', 'rerun.yaml'], dir);
  assert.equal(status, 0, stderr);
  // The trace must have seen the run's own modules, or it proves nothing.
  assert.ok(modules.some((m) => m.includes('/dist/src/run/run-trial.js')));
  assert.deepEqual(
    modules.filter((m) => m.includes('@tensorflow')),
    [],
  );
  // The report was written all the same, from the charts the first run kept.
  assert.ok(modules.some((m) => m.includes('/dist/src/report/run-report.js')));
  assert.deepEqual(
    modules.filter((m) => /\/node_modules\/(vega[^/]*|opentype\.js|@resvg)\//.test(m)),
    [],
  );
  // The same from the bundle that `aelab` runs by default: its lazy chunks stay unloaded too.
  const bundled = tracedCli(['run', 'rerun.yaml'], dir, 'dist/bundle/cli.js');
  assert.equal(bundled.status, 0, bundled.stderr);
  assert.ok(bundled.modules.some((m) => m.includes('/dist/bundle/')));
  assert.deepEqual(
    bundled.modules.filter((m) => /@tensorflow|\/node_modules\/(vega[^/]*|opentype\.js|@resvg)\//.test(m)),
    [],
  );
});
