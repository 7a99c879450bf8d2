import path from 'node:path';
import type { ExperimentConfig } from '../../types/experiment-config.js';
import { MlflowClient, resolveTrackingUri } from '../../tracking/mlflow/index.js';
import { syncRun, syncSweep } from '../../tracking/mlflow-sync.js';
import { listRuns, readConfig, readRun } from '../../run-store/index.js';

/**
 * `aelab sync [RUN...]`: uploads to MLflow what is missing of local runs (all of them when none is
 * named). Nothing already there is sent again, so it can be run any number of times.
 */
export async function syncCommand(
  names: readonly string[],
  opts: { runsDir: string; mlflow?: string },
): Promise<number> {
  const ids = names.length ? names : await listRuns(opts.runsDir);
  let failed = 0;
  for (const id of ids) {
    const dir = id.includes(path.sep) ? id : path.join(opts.runsDir, id);
    const run = await readRun(dir).catch(() => undefined);
    if (!run) {
      process.stderr.write(`error: ${dir} is not a run folder\n`);
      failed++;
      continue;
    }
    const config = await readConfig<ExperimentConfig>(dir);
    const uri = resolveTrackingUri(config.tracking?.mlflow?.uri, opts.mlflow);
    if (!uri.ok || !uri.value) {
      process.stderr.write(
        `error: ${run.record.id}: ${uri.ok ? 'no MLflow server configured (use --mlflow URI or MLFLOW_TRACKING_URI)' : uri.error.message}\n`,
      );
      failed++;
      continue;
    }
    const client = new MlflowClient({ uri: uri.value.uri });
    const experiment = config.tracking?.mlflow?.experiment ?? config.name;
    const result =
      run.record.kind === 'sweep'
        ? await syncSweep(client, dir, { experiment })
        : await syncRun(client, dir, { experiment });
    if (result.ok) process.stdout.write(`${run.record.id}: synced to ${client.uri} (run ${result.value.runId})\n`);
    else {
      process.stderr.write(`error: ${run.record.id}: ${result.error.message}\n`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}
