import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { codeVersion } from '../../src/plan/code-version.js';
import { planExperiment } from '../../src/plan/plan.js';
import { writeRunReport } from '../../src/report/index.js';
import { ReportListener } from '../../src/report/listener.js';
import { newRunId, RunStoreListener } from '../../src/run-store/index.js';
import { environmentInfo } from '../../src/run/environment.js';
import { runSweepSession, type Session } from '../../src/run/session.js';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import type { ExperimentConfig } from '../../src/types/experiment-config.js';
import { runCli } from '../support/cli.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';
import { readJson } from '../support/runs.js';
// The toy stage type registers itself: nothing in src/ names it.
import '../fixtures/stages/mean-image/definition.js';

const servers: MlflowServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

const config = {
  name: 'toy-stage',
  seed: 3,
  data: { digits: { source: 'mnist', train: 200, test: 100 } },
  stages: { mean: { type: 'mean_image', input: 'digits' } },
  sweep: { grid: { 'stages.mean.shrink': [0, 0.5] } },
} as unknown as ExperimentConfig;

async function sweep(dir: string): Promise<{ code: number; id: string }> {
  const plan = planExperiment(config, { codeVersion: await codeVersion(), backend: 'wasm' });
  const id = newRunId(config.name);
  const session: Session = {
    runsDir: path.join(dir, 'runs'),
    runId: id,
    plan,
    settings: {
      experimentFile: path.join(dir, 'toy.yaml'),
      backend: 'wasm',
      parallel: 1,
      failFast: false,
      cache: true,
    },
    environment: await environmentInfo('wasm', dir),
    listeners: [new RunStoreListener(), new ReportListener(() => {}, assert.fail)],
  };
  return { code: await runSweepSession(session, plan.trials), id };
}

interface Trial {
  stages: Record<string, { status: string; cached?: boolean; metrics: Record<string, number> }>;
}

test('a stage type registered from outside src/ runs in a sweep, and its objective, report, cache and MLflow sync follow its definition', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-toy-stage-'));
  const first = await sweep(dir);
  assert.equal(first.code, 0);
  const sweepDir = path.join(dir, 'runs', first.id);

  // The objective is the definition's headline, written by the session into the sweep's record.
  const record = await readJson<{ objective?: { key: string; maximize: boolean } }>(path.join(sweepDir, 'run.json'));
  assert.deepEqual(record.objective, { key: 'mean.test_distance', maximize: false });
  const summary = await readJson<{ best: string; trials: { id: string; metrics: Record<string, number> }[] }>(
    path.join(sweepDir, 'summary.json'),
  );
  const distances = summary.trials.map((t) => t.metrics['mean.test_distance']!);
  assert.equal(distances.length, 2);
  assert.ok(distances.every(Number.isFinite) && distances[0] !== distances[1], distances.join(', '));
  assert.equal(summary.best, summary.trials[distances.indexOf(Math.min(...distances))]!.id, 'lowest distance wins');

  // The report: its headline as a column, its picture for the best trial, its words.
  const report = await readFile(path.join(sweepDir, 'report.html'), 'utf8');
  assert.match(report, /mean test distance/);
  assert.match(report, /mean: the mean training image/);
  assert.match(report, /The mean image mean \(shrink [0-9.]+\) reached a test distance of/);
  const trialReport = await readFile(await writeRunReport(path.join(sweepDir, 'trials', summary.best)), 'utf8');
  assert.match(trialReport, /mean: the mean training image/);

  // The cache keeps its model output under the definition's model kind, and a rerun replays it.
  const cacheDir = path.join(dir, 'runs', '.cache', 'stages');
  const entries = (await readdir(cacheDir)).filter((e) => !e.startsWith('.'));
  assert.equal(entries.length, 2);
  const manifest = await readJson<{ outputs: Record<string, { kind: string; model?: string }> }>(
    path.join(cacheDir, entries[0]!, 'manifest.json'),
  );
  assert.deepEqual(manifest.outputs.model, { kind: 'model', model: 'mean-image' });
  const again = await sweep(dir);
  assert.equal(again.code, 0);
  for (const t of summary.trials) {
    const rerun = await readJson<Trial>(path.join(dir, 'runs', again.id, 'trials', t.id, 'run.json'));
    assert.equal(rerun.stages.mean!.cached, true);
    assert.equal(rerun.stages.mean!.metrics.test_distance, t.metrics['mean.test_distance']);
  }

  // `aelab sync` (a process that has never heard of the type) uploads the sweep and its trials.
  const server = await startMlflowServer();
  servers.push(server);
  const synced = await runCli(['sync', first.id, '--mlflow', server.uri], dir);
  assert.equal(synced.code, 0, synced.stderr + synced.stdout);
  const { runs } = await runsOf(new MlflowClient({ uri: server.uri }), config.name);
  assert.equal(runs.length, 3);
  const children = runs.filter((r) => r.data.metrics.some((m) => m.key === 'mean/test_distance'));
  assert.equal(children.length, 3, 'both trials and the sweep (its best trial) carry the metric');
});
