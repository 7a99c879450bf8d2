import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

/** t(0.975, 1 degree of freedom), from a table: two repeats leave one degree of freedom. */
const T_975_DF1 = 12.7062;

test('a repeated sweep shows each point as mean, sd and t interval in the summary, runs show, the report and MLflow, and trains unswept stages once per seed', async () => {
  const { dir } = await writeExperiment(
    tinySweep('  grid: { stages.ae.latent: [4, 16] }\n  repeats: 2\n  parallel: 2'),
    'sweep.yaml',
  );
  const result = await runCli(['run', 'sweep.yaml'], dir, { MLFLOW_TRACKING_URI: server.uri });
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const printed = result.stdout.match(/^sweep tiny-sweep: (.+)$/m)?.[1];
  assert.ok(printed, result.stdout);
  const sweepDir = path.resolve(dir, printed);
  const summary = JSON.parse(await readFile(path.join(sweepDir, 'summary.json'), 'utf8'));
  const run = async (id: string) => JSON.parse(await readFile(path.join(sweepDir, 'trials', id, 'run.json'), 'utf8'));
  const trials = await Promise.all(['t000', 't001', 't002', 't003'].map(run));

  // The trials: point-major, repeat k of both points on the same seed (repeat 0 on the file's seed 3).
  assert.deepEqual(
    trials.map((t) => [t.point, t.repeat, t.assignment['stages.ae.latent']]),
    [
      [0, 0, 4],
      [0, 1, 4],
      [1, 0, 16],
      [1, 1, 16],
    ],
  );
  assert.equal(trials[0].seed, 3);
  assert.equal(trials[2].seed, trials[0].seed);
  assert.equal(trials[3].seed, trials[1].seed);
  assert.notEqual(trials[1].seed, trials[0].seed);

  // The classifier on raw digits does not read the latent size: trained once per seed, reused by the other point.
  const computed = trials.filter((t) => t.stages.clf_raw.cached !== true);
  assert.deepEqual(computed.map((t) => t.seed).sort(), [trials[0].seed, trials[1].seed].sort());
  assert.equal(trials[2].stages.clf_raw.metrics.test_acc, trials[0].stages.clf_raw.metrics.test_acc);
  assert.equal(trials[3].stages.clf_raw.metrics.test_acc, trials[1].stages.clf_raw.metrics.test_acc);

  // summary.json's aggregates, against the arithmetic done here by hand.
  assert.equal(summary.repeats, 2);
  assert.equal(summary.points.length, 2);
  for (const [i, p] of summary.points.entries()) {
    const [a, b] = [trials[2 * i].stages.ae.metrics.test_loss, trials[2 * i + 1].stages.ae.metrics.test_loss];
    const mean = (a + b) / 2;
    const sd = Math.abs(a - b) / Math.SQRT2;
    const half = (T_975_DF1 * sd) / Math.SQRT2;
    const agg = p.metrics['ae.test_loss'];
    assert.equal(agg.n, 2);
    assert.ok(Math.abs(agg.mean - mean) < 1e-12);
    assert.ok(Math.abs(agg.sd - sd) < 1e-12);
    assert.ok(Math.abs(agg.low - (mean - half)) < 1e-4 * Math.max(1, half));
    assert.ok(Math.abs(agg.high - (mean + half)) < 1e-4 * Math.max(1, half));
  }
  const means = summary.points.map(
    (p: { metrics: Record<string, { mean: number }> }) => p.metrics['clf.test_acc']!.mean,
  );
  const bestPoint = means[0] >= means[1] ? 0 : 1;
  assert.equal(summary.best_point, bestPoint, 'the best point is the one with the higher mean accuracy');
  assert.ok(summary.points[bestPoint].trials.includes(summary.best));

  // The summary table the CLI printed: a row per point with "mean ±sd [low, high]".
  const agg = summary.points[0].metrics['ae.test_loss'];
  const cell = `${agg.mean.toFixed(4)} ±${agg.sd.toFixed(4)} [${agg.low.toFixed(4)}, ${agg.high.toFixed(4)}]`;
  assert.match(result.stdout, /points \(2 repeats each\):/);
  assert.ok(result.stdout.includes(cell), `${cell} in\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`\\* best point by the mean of clf\\.test_acc \\(highest\\): p${bestPoint}`));

  // runs show: the same table.
  const shown = await runCli(['runs', 'show', path.basename(sweepDir)], dir);
  assert.equal(shown.code, 0, shown.stderr);
  assert.ok(shown.stdout.includes(cell), shown.stdout);
  assert.match(shown.stdout, /t001 +finished +latent=4 repeat=1/);

  // The report: the points, which interval and why, the best point, and the paired comparison in words.
  const report = await readFile(path.join(sweepDir, 'report.html'), 'utf8');
  assert.match(report, /<section id="points">/);
  assert.match(report, /Student's t\s+distribution\s+with\s+n − 1\s+degrees\s+of\s+freedom/);
  assert.match(report, /Best point: ae\.latent (4|16), with the highest mean clf test accuracy of 2 points/);
  assert.match(
    report,
    /ae\.latent (4|16) vs (4|16): [+-]\d+\.\d\d points, 95% CI \[[+-]\d+\.\d\d, [+-]\d+\.\d\d\], (not )?distinguishable \(paired t over 2 shared seeds\)/,
  );
  assert.match(report, /its 95% interval as an\s+error bar/);

  // MLflow: the parent run carries each point's aggregates (step = point) and names the best point.
  const { runs } = await runsOf(new MlflowClient({ uri: server.uri }), 'tiny-sweep');
  const parent = runs.find((r) => r.data.tags['aelab.kind'] === 'sweep');
  assert.ok(parent);
  assert.equal(parent.data.tags['aelab.repeats'], '2');
  assert.match(
    parent.data.tags['aelab.best_point'] ?? '',
    new RegExp(`^p${bestPoint} stages\\.ae\\.latent=(4|16) \\(by the mean\\)$`),
  );
  const best = parent.data.metrics.find((m) => m.key === 'best_point.clf.test_acc.mean');
  assert.ok(best, parent.data.metrics.map((m) => m.key).join(', '));
  assert.ok(Math.abs(best.value - means[bestPoint]) < 1e-6);
  const low = parent.data.metrics.find((m) => m.key === 'best_point.ae.test_loss.ci95_low');
  assert.ok(low && Math.abs(low.value - summary.points[bestPoint].metrics['ae.test_loss'].low) < 1e-6);
});
