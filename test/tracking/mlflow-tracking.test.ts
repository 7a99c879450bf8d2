// Experiments, runs, batched logging and search against a real MLflow tracking server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { MlflowClient, PARENT_RUN_ID_TAG, type MetricInput } from '../../src/tracking/mlflow/index.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
let client: MlflowClient;

before(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ uri: server.uri, env: {} });
});
after(async () => {
  await server?.stop();
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

describe('MLflow tracking against a real server', () => {
  test('reports the server start time', (t) => {
    t.diagnostic(`mlflow server answered /health ${Math.round(server.startupMs)} ms after spawn`);
    assert.match(server.uri, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('returns null for an experiment name that does not exist', async () => {
    assert.equal(must(await client.getExperimentByName('no-such-experiment')), null);
  });

  test('creates an experiment once even when several callers race to create it', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => client.getOrCreateExperiment('raced')));
    const ids = results.map((r) => must(r).experimentId);
    assert.equal(new Set(ids).size, 1);
    assert.equal(must(await client.getExperimentByName('raced'))?.experimentId, ids[0]);
  });

  test('reports creating an existing experiment as RESOURCE_ALREADY_EXISTS', async () => {
    must(await client.getOrCreateExperiment('twice'));
    const again = await client.createExperiment('twice');
    assert.equal(again.ok, false);
    if (!again.ok) {
      assert.equal(again.error.kind, 'api');
      assert.ok(again.error.kind === 'api' && again.error.errorCode === 'RESOURCE_ALREADY_EXISTS');
      assert.match(again.error.message, new RegExp(`MLflow at ${server.uri} refused experiments/create`));
    }
  });

  test('refuses to reuse an experiment that was deleted, saying how to restore it', async () => {
    const exp = must(await client.getOrCreateExperiment('binned'));
    must(await client.deleteExperiment(exp.experimentId));
    const again = await client.getOrCreateExperiment('binned');
    assert.equal(again.ok, false);
    if (!again.ok) {
      assert.equal(again.error.kind, 'conflict');
      assert.match(
        again.error.message,
        new RegExp(`is deleted; restore it \\(mlflow experiments restore --experiment-id ${exp.experimentId}\\)`),
      );
    }
  });

  test('creates a run, finishes it, and reads back name, tags, status and times', async () => {
    const exp = must(await client.getOrCreateExperiment('runs'));
    const run = must(
      await client.createRun({
        experimentId: exp.experimentId,
        runName: 'first',
        startTime: 1_700_000_000_000,
        tags: { seed: '42' },
      }),
    );
    assert.equal(run.info.status, 'RUNNING');
    assert.match(run.info.artifactUri, /^mlflow-artifacts:\//);
    const done = must(
      await client.updateRun({ runId: run.info.runId, status: 'FINISHED', endTime: 1_700_000_060_000 }),
    );
    assert.equal(done.status, 'FINISHED');
    const got = must(await client.getRun(run.info.runId));
    assert.equal(got.info.runName, 'first');
    assert.equal(got.info.startTime, 1_700_000_000_000);
    assert.equal(got.info.endTime, 1_700_000_060_000);
    assert.equal(got.data.tags.seed, '42');
    assert.equal(got.data.tags['mlflow.runName'], 'first');
  });

  test('splits a batch of 2500 metrics and 150 params into several requests and all of it reads back', async () => {
    const exp = must(await client.getOrCreateExperiment('batch'));
    const run = must(await client.createRun({ experimentId: exp.experimentId, runName: 'big' }));
    const metrics: MetricInput[] = [];
    for (let step = 0; step < 1250; step++) {
      metrics.push({ key: 'train/loss', value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step });
      metrics.push({ key: 'val/acc', value: step / 1250, step, timestamp: 1_700_000_000_000 + step });
    }
    metrics.push({ key: 'weird', value: NaN, step: 0 });
    const params: Record<string, string> = {};
    for (let i = 0; i < 150; i++) params[`p${i}`] = `value-${i}`;
    params.notes = 'n'.repeat(7000);

    const logged = must(await client.logBatch({ runId: run.info.runId, metrics, params, tags: { stage: 'ae' } }));
    assert.ok(logged.requests >= 3, `expected several requests, got ${logged.requests}`);
    assert.deepEqual(logged.truncated, ['notes']);

    const loss = must(await client.getMetricHistory(run.info.runId, 'train/loss'));
    assert.equal(loss.length, 1250);
    const byStep = new Map(loss.map((m) => [m.step, m.value]));
    assert.equal(byStep.get(0), 1);
    assert.equal(byStep.get(1249), 1 / 1250);
    assert.equal(must(await client.getMetricHistory(run.info.runId, 'val/acc')).length, 1250);
    assert.ok(Number.isNaN(must(await client.getMetricHistory(run.info.runId, 'weird'))[0]?.value));

    const got = must(await client.getRun(run.info.runId));
    assert.equal(Object.keys(got.data.params).length, 151);
    assert.equal(got.data.params.p149, 'value-149');
    assert.equal(got.data.params.notes?.length, 6000);
    assert.equal(got.data.tags.stage, 'ae');
  });

  test('logs about two megabytes of long params and tags by splitting on body size', async () => {
    const exp = must(await client.getOrCreateExperiment('batch'));
    const run = must(await client.createRun({ experimentId: exp.experimentId }));
    const params = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`p${i}`, `${i}:` + 'é'.repeat(5990)]));
    const tags = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`t${i}`, `${i}:` + 'v'.repeat(7990)]));
    const logged = must(await client.logBatch({ runId: run.info.runId, params, tags }));
    assert.ok(logged.requests >= 2, `expected a split, got ${logged.requests} request(s)`);
    const got = must(await client.getRun(run.info.runId));
    assert.deepEqual(got.data.params, params);
    for (const [k, v] of Object.entries(tags)) assert.equal(got.data.tags[k], v);
  });

  test('rejects a key over 250 characters before sending anything', async () => {
    const exp = must(await client.getOrCreateExperiment('batch'));
    const run = must(await client.createRun({ experimentId: exp.experimentId }));
    const r = await client.logBatch({
      runId: run.info.runId,
      metrics: [{ key: 'fine', value: 1 }],
      params: { ['k'.repeat(251)]: 'x' },
    });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'invalid-input');
      assert.match(r.error.message, /longer than MLflow's limit of 250 characters/);
    }
    assert.deepEqual(must(await client.getMetricHistory(run.info.runId, 'fine')), []);
  });

  test('reports changing a logged param as an MLflow error naming the request', async () => {
    const exp = must(await client.getOrCreateExperiment('batch'));
    const run = must(await client.createRun({ experimentId: exp.experimentId }));
    must(await client.logBatch({ runId: run.info.runId, params: { lr: '0.1' } }));
    const changed = await client.logBatch({ runId: run.info.runId, params: { lr: '0.2' } });
    assert.equal(changed.ok, false);
    if (!changed.ok) {
      assert.equal(changed.error.kind, 'api');
      assert.match(changed.error.message, /runs\/log-batch: INVALID_PARAMETER_VALUE/);
    }
  });

  test('finds the child runs of a parent through a searchRuns filter, page by page', async () => {
    const exp = must(await client.getOrCreateExperiment('sweep'));
    const parent = must(await client.createRun({ experimentId: exp.experimentId, runName: 'sweep' }));
    const children = [];
    for (const latent of [8, 16, 32]) {
      const child = must(
        await client.createRun({
          experimentId: exp.experimentId,
          runName: `latent-${latent}`,
          tags: { [PARENT_RUN_ID_TAG]: parent.info.runId },
        }),
      );
      must(
        await client.logBatch({
          runId: child.info.runId,
          params: { latent: String(latent) },
          metrics: [{ key: 'loss', value: 1 / latent }],
        }),
      );
      children.push(child.info.runId);
    }
    must(await client.createRun({ experimentId: exp.experimentId, runName: 'unrelated' }));

    const found = must(
      await client.searchRuns({
        experimentIds: [exp.experimentId],
        filter: `tags."${PARENT_RUN_ID_TAG}" = '${parent.info.runId}'`,
        orderBy: ['metrics.loss ASC'],
        pageSize: 2, // three children over two pages: the page token is followed
      }),
    );
    assert.deepEqual(
      found.map((r) => r.data.params.latent),
      ['32', '16', '8'],
    );
    assert.deepEqual(new Set(found.map((r) => r.info.runId)), new Set(children));

    const capped = must(await client.searchRuns({ experimentIds: [exp.experimentId], maxResults: 3, pageSize: 2 }));
    assert.equal(capped.length, 3);
  });

  test('reports a run that does not exist as RESOURCE_DOES_NOT_EXIST', async () => {
    const r = await client.getRun('0123456789abcdef0123456789abcdef');
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(r.error.kind === 'api' && r.error.errorCode === 'RESOURCE_DOES_NOT_EXIST');
  });
});
