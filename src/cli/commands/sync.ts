import type { ExperimentConfig } from '../../types/experiment-config.js';
import { MlflowClient, resolveTrackingUri } from '../../tracking/mlflow/index.js';
import { syncedExperimentId, syncedRunUrl, syncRun, syncSweep } from '../../tracking/mlflow-sync.js';
import { listRuns, readConfig, resolveRun } from '../../run-store/index.js';

/**
 * `aelab sync [RUN...]`: uploads to MLflow what is missing of local runs (all of them when none is
 * named). Nothing already there is sent again, so it can be run any number of times.
 */
export async function syncCommand(
  names: readonly string[],
  opts: { runsDir: string; mlflow?: string },
): Promise<number> {
  return (await syncRuns(names, opts)).failed ? 1 : 0;
}

/** Syncs run folders; says what went where, and gives the experiments that now hold them (name -> id on the server). */
export async function syncRuns(
  names: readonly string[],
  opts: { runsDir: string; mlflow?: string },
): Promise<{ failed: number; experiments: Map<string, { uri: string; id: string }> }> {
  const ids = names.length ? names : await listRuns(opts.runsDir);
  const experiments = new Map<string, { uri: string; id: string }>();
  let failed = 0;
  for (const id of ids) {
    const found = await resolveRun(opts.runsDir, id);
    if (!found.ok) {
      process.stderr.write(`error: ${found.error}\n`);
      failed++;
      continue;
    }
    const { dir, record } = found.value;
    const run = { record };
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
    const url = await syncedRunUrl(dir, client.uri);
    if (result.ok)
      process.stdout.write(`${run.record.id}: synced to ${url ?? `${client.uri} (run ${result.value.runId})`}\n`);
    else {
      process.stderr.write(`error: ${run.record.id}: ${result.error.message}\n`);
      failed++;
    }
    const experimentId = await syncedExperimentId(dir, client.uri);
    if (experimentId) experiments.set(experiment, { uri: client.uri, id: experimentId });
  }
  return { failed, experiments };
}
