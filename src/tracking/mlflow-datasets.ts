/**
 * A run's data sets as MLflow dataset inputs (runs/log-inputs), so that the runs table's Dataset
 * column says which data each run trained on: the name in the experiment, a digest of aelab's data
 * identity (the bytes and the split: what the stage cache keys on), where the bytes came from and
 * how many images. Each data set is logged once per server (its identity is kept in mlflow.json).
 */
import { createHash } from 'node:crypto';
import type { RunRecord } from '../run-store/index.js';
import type { MlflowClient, MlflowResult } from './mlflow/index.js';

/** aelab's data identity in MLflow's 36 characters: the first 32 hex digits of its sha256. */
export function datasetDigest(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

export async function sendDatasets(c: {
  readonly client: MlflowClient;
  readonly runId: string;
  readonly record: RunRecord;
  readonly state: { datasetsSent?: string[] };
  readonly save: () => Promise<void>;
}): Promise<MlflowResult<null>> {
  const datasets = (c.record.datasets ?? []).filter((d) => !(c.state.datasetsSent ?? []).includes(d.identity));
  if (!datasets.length) return { ok: true, value: null };
  const sent = await c.client.logInputs({
    runId: c.runId,
    datasets: datasets.map((d) => ({
      name: d.name,
      digest: datasetDigest(d.identity),
      sourceType: 'aelab',
      source: JSON.stringify({ source: d.source, identity: d.identity }),
      profile: JSON.stringify({ num_images: d.train + d.test, train: d.train, test: d.test }),
      context: 'training',
    })),
  });
  if (!sent.ok) return sent;
  c.state.datasetsSent = [...(c.state.datasetsSent ?? []), ...datasets.map((d) => d.identity)];
  await c.save();
  return { ok: true, value: null };
}
