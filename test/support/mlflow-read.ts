import assert from 'node:assert/strict';
import { MlflowClient, type MlflowResult } from '../../src/tracking/mlflow/index.js';

export function must<T>(r: MlflowResult<T>): T {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

/** Every run of an experiment on the server, by experiment name. */
export async function runsOf(client: MlflowClient, experiment: string) {
  const exp = must(await client.getExperimentByName(experiment));
  assert.ok(exp, `experiment ${experiment} exists on the server`);
  return { experimentId: exp.experimentId, runs: must(await client.searchRuns({ experimentIds: [exp.experimentId] })) };
}
