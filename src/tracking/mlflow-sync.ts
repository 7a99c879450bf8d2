import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { flattenSettings } from '../util/flatten-settings.js';
import {
  listTrials,
  liveStatus,
  readConfigOr,
  readParams as readParamsFile,
  readRun,
  readSummary,
  readSyncFile,
  SYNC_FILE,
  TRIALS_DIR,
  trialDir,
  writeSyncFile,
  type RunRecord,
} from '../run-store/index.js';
import { EpochSeries, finalMetrics, type MlflowMetric } from './mlflow-metrics.js';
import {
  MlflowClient,
  PARENT_RUN_ID_TAG,
  type MlflowError,
  type MlflowResult,
  type RunStatus,
} from './mlflow/index.js';

/** What has been sent for one run to one server: kept in the run folder, so syncing is idempotent. */
interface ServerState {
  experimentId?: string;
  runId?: string;
  artifactUri?: string;
  paramsLogged?: boolean;
  /** Identities of the data sets logged as the run's dataset inputs. */
  datasetsSent?: string[];
  /** Lines of metrics.jsonl already sent. */
  metricsSent?: number;
  /** Stages whose final metrics were sent. */
  finalsSent?: string[];
  /** Artifacts uploaded, with the size and mtime they had (a changed file is sent again). */
  artifacts?: Record<string, string>;
  statusSent?: string;
  /** Why the artifacts could not be uploaded: the run was ended without them, and is not retried. */
  artifactsFailed?: string;
  /** A sweep's best trial whose final metrics its parent run carries. */
  bestSent?: string;
}

/** mlflow.json in a run folder: one state per tracking server. */
type SyncFile = Record<string, ServerState>;

/** The tag that finds a run again on the server if our own record of it was lost. */
export const LOCAL_RUN_TAG = 'aelab.run_id';
/** On a sweep's parent run: the name of its best trial's run, and that run's MLflow id. */
export const BEST_TRIAL_TAG = 'aelab.best_trial';
export const BEST_RUN_TAG = 'aelab.best_trial_run_id';
/** Set when a run's artifacts could not be uploaded: why. */
export const ARTIFACTS_TAG = 'aelab.artifacts';
/** The stages of a run that were served from the cache, not computed (comma-separated). */
export const CACHED_TAG = 'aelab.cached_stages';

/** A run that died (its process gone without a word) ended as a failure. */
const TERMINAL: Record<string, RunStatus> = {
  finished: 'FINISHED',
  failed: 'FAILED',
  killed: 'KILLED',
  died: 'FAILED',
};

export type SyncResult = MlflowResult<{ runId: string }>;

/**
 * Brings one run folder's state on an MLflow server up to date: creates the run (or finds it by
 * its `aelab.run_id` tag), logs params once, sends the metric lines not yet sent, the final
 * metrics of finished stages, artifacts not yet uploaded, and the end status. Safe to call at any
 * time and any number of times: what was sent is recorded in the folder, so nothing is sent twice.
 */
export async function syncRun(
  client: MlflowClient,
  dir: string,
  opts: { experiment: string; parentRunId?: string },
): Promise<SyncResult> {
  const { record: stored, metrics } = await readRun(dir);
  // A run whose process is gone is sent as it stands (died), not as the `running` it last wrote.
  const live = await liveStatus(dir, stored);
  const record: RunRecord =
    live.status === 'died'
      ? {
          ...stored,
          status: 'failed',
          error: `died: process ${live.heartbeat?.pid} on ${live.heartbeat?.host} is gone`,
          ...(live.heartbeat ? { end_time: live.heartbeat.time } : {}),
        }
      : stored;
  const status = live.status;
  const file: SyncFile = await readSyncFile<ServerState>(dir);
  const state: ServerState = file[client.uri] ?? {};
  const save = async () => {
    file[client.uri] = state;
    await writeSyncFile(dir, file);
  };

  if (!state.runId) {
    const experiment = await client.getOrCreateExperiment(opts.experiment);
    if (!experiment.ok) return experiment;
    state.experimentId = experiment.value.experimentId;
    const existing = await client.searchRuns({
      experimentIds: [state.experimentId],
      filter: `tags."${LOCAL_RUN_TAG}" = '${record.id.replace(/'/g, "\\'")}'`,
      maxResults: 1,
    });
    if (!existing.ok) return existing;
    if (existing.value[0]) {
      state.runId = existing.value[0].info.runId;
      state.artifactUri = existing.value[0].info.artifactUri;
    } else {
      const created = await client.createRun({
        experimentId: state.experimentId,
        runName: runName(record),
        startTime: Date.parse(record.start_time),
        tags: { [LOCAL_RUN_TAG]: record.id, ...(opts.parentRunId ? { [PARENT_RUN_ID_TAG]: opts.parentRunId } : {}) },
      });
      if (!created.ok) return created;
      state.runId = created.value.info.runId;
      state.artifactUri = created.value.info.artifactUri;
    }
    await save();
  }
  const runId = state.runId;

  // Tags may change (status, backend once known), so they go with every sync.
  const terminal = TERMINAL[status];
  const tags = { ...runTags(record), 'aelab.status': status };
  // A sweep's params are what its trials share, known once they have run.
  if (!state.paramsLogged && (record.kind !== 'sweep' || terminal)) {
    const params = record.kind === 'sweep' ? await sweepParams(dir) : await readParams(dir);
    const sent = await client.logBatch({ runId, params, tags });
    if (!sent.ok) return sent;
    state.paramsLogged = true;
    await save();
  } else {
    const sent = await client.logBatch({ runId, tags });
    if (!sent.ok) return sent;
  }

  const datasets = (record.datasets ?? []).filter((d) => !(state.datasetsSent ?? []).includes(d.identity));
  if (datasets.length) {
    const sent = await client.logInputs({
      runId,
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
    state.datasetsSent = [...(state.datasetsSent ?? []), ...datasets.map((d) => d.identity)];
    await save();
  }

  const series = new EpochSeries(metrics);
  const fresh = metrics.slice(state.metricsSent ?? 0);
  const finals = Object.entries(record.stages).filter(
    ([stage, s]) => s.status === 'finished' && !(state.finalsSent ?? []).includes(stage),
  );
  if (fresh.length || finals.length) {
    const now = Date.now();
    const batch = [
      ...fresh.flatMap((m) => series.metric(m) ?? []),
      ...finals.flatMap(([stage, s]) => finalMetrics(stage, s, series, now)),
    ];
    const sent = batch.length ? await client.logBatch({ runId, metrics: batch }) : undefined;
    if (sent && !sent.ok) return sent;
    state.metricsSent = (state.metricsSent ?? 0) + fresh.length;
    state.finalsSent = [...(state.finalsSent ?? []), ...finals.map(([stage]) => stage)];
    await save();
  }

  if (record.kind === 'sweep' && terminal) {
    const best = await bestTrialMetrics(dir, client.uri);
    if (best && state.bestSent !== best.trial) {
      const sent = await client.logBatch({ runId, metrics: best.metrics, tags: best.tags });
      if (!sent.ok) return sent;
      state.bestSent = best.trial;
      await save();
    }
  }

  // Artifacts go up once the run has ended: until then its files are still being written.
  if (terminal) {
    let failure: MlflowError | undefined;
    if (!state.artifactsFailed) {
      const uploaded = await uploadArtifacts(client, runId, dir, state, save);
      if (!uploaded.ok) {
        failure = uploaded.error;
        // The run still ends: a run left RUNNING for ever helps nobody. The tag says why its files are missing.
        state.artifactsFailed = uploaded.error.message;
        const tagged = await client.logBatch({
          runId,
          tags: { [ARTIFACTS_TAG]: `not uploaded: ${uploaded.error.message}`.slice(0, 5000) },
        });
        if (!tagged.ok) return tagged;
        await save();
      }
    }
    if (state.statusSent !== terminal) {
      const updated = await client.updateRun({
        runId,
        status: terminal,
        ...(record.end_time ? { endTime: Date.parse(record.end_time) } : {}),
      });
      if (!updated.ok) return updated;
      state.statusSent = terminal;
      await save();
    }
    if (failure) return { ok: false, error: { ...failure, message: artifactFailure(client.uri, failure) } };
  }
  return { ok: true, value: { runId } };
}

/** aelab's data identity in MLflow's 36 characters: the first 32 hex digits of its sha256. */
export function datasetDigest(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * A sweep on the server: its parent run from the sweep folder, then each trial that has a folder,
 * as a child run carrying all of its own params.
 */
export async function syncSweep(client: MlflowClient, dir: string, opts: { experiment: string }): Promise<SyncResult> {
  const parent = await syncRun(client, dir, opts);
  if (!parent.ok) return parent;
  const trials = await listTrials(dir);
  for (const trial of trials.sort()) {
    const child = await syncRun(client, trialDir(dir, trial), { ...opts, parentRunId: parent.value.runId });
    if (!child.ok) return child;
  }
  return parent;
}

/** A run's page in MLflow's UI. */
export const runUrl = (uri: string, experimentId: string, runId: string): string =>
  `${uri.replace(/\/+$/, '')}/#/experiments/${experimentId}/runs/${runId}`;

/**
 * An experiment's runs table in MLflow's UI. MLflow 3 opens an experiment on its GenAI overview
 * (traces) unless the link asks for the model-training view, which lists runs.
 */
export const experimentRunsUrl = (uri: string, experimentId: string): string =>
  `${uri.replace(/\/+$/, '')}/#/experiments/${experimentId}/runs?workflowType=machine_learning`;

/** Where a synced folder's run is in MLflow's UI, if it was synced to this server. */
export async function syncedRunUrl(dir: string, uri: string): Promise<string | undefined> {
  const state = (await readSyncFile<ServerState>(dir))[uri];
  return state?.runId && state.experimentId ? runUrl(uri, state.experimentId, state.runId) : undefined;
}

/** The MLflow experiment a folder's run is in on a server, if it was synced there. */
export async function syncedExperimentId(dir: string, uri: string): Promise<string | undefined> {
  return (await readSyncFile<ServerState>(dir))[uri]?.experimentId;
}

/** The MLflow run id a folder has on a server, if it was synced there. */
export async function syncedRunId(dir: string, uri: string): Promise<string | undefined> {
  return (await readSyncFile<ServerState>(dir))[uri]?.runId;
}

/**
 * Why a run's artifacts are not on the server, and what to change there. The run itself is ended
 * and complete but for its files, which stay in the local run folder; syncing again does not
 * help, because a run keeps the artifact location the server gave it when it was created.
 */
function artifactFailure(uri: string, error: MlflowError): string {
  return (
    `MLflow at ${uri} did not take this run's artifacts: ${error.message}. ` +
    `The MLflow run is ended without them (tag ${ARTIFACTS_TAG}); its files stay in the local run folder`
  );
}

/** Whether a sync failed on the artifacts only (the run was ended; syncing again will not help). */
export function isArtifactFailure(message: string): boolean {
  return message.includes(`(tag ${ARTIFACTS_TAG})`);
}

/**
 * The MLflow name of a run. A trial: its id and what it sets ("t001 latent=8"). A run or a sweep:
 * the experiment and the random end of its id ("quickstart-3fa2c1"), which tells runs apart in
 * MLflow's table where the timestamp-first folder name is cut short.
 */
export function runName(record: RunRecord): string {
  if (record.kind === 'trial' && record.trial) return `${record.trial} ${describeAssignment(record.assignment)}`.trim();
  const short = record.id.split('-').pop() ?? record.id;
  return `${record.name}-${short}`;
}

/**
 * A sweep's own params: the params every trial that ran shares (not a swept setting, nor a
 * swept key's default that no trial used), and the sweep's definition (`sweep.grid.<key>`).
 */
async function sweepParams(dir: string): Promise<Record<string, string>> {
  const config = await readConfigOr<{ sweep?: unknown }>(dir, {});
  const definition = stringParams(flattenSettings({ sweep: config.sweep }));
  const trials = await Promise.all((await listTrials(dir)).map((t) => readParams(trialDir(dir, t))));
  const ran = trials.filter((p) => Object.keys(p).length);
  const common: Record<string, string> = {};
  for (const [key, value] of Object.entries(ran[0] ?? {}))
    if (ran.every((p) => p[key] === value) && !key.startsWith('sweep.')) common[key] = value;
  return { ...common, ...definition };
}

/** The best trial of an ended sweep: its final metrics as the parent run carries them, and tags naming it. */
async function bestTrialMetrics(
  dir: string,
  uri: string,
): Promise<{ trial: string; metrics: MlflowMetric[]; tags: Record<string, string> } | undefined> {
  const best = (await readSummary(dir))?.best;
  if (!best) return undefined;
  const trial = await readRun(trialDir(dir, best)).catch(() => undefined);
  if (!trial) return undefined;
  // The parent has no epoch series, so it takes every final metric, at step 0.
  const none = new EpochSeries([]);
  const now = Date.now();
  const metrics = Object.entries(trial.record.stages)
    .filter(([, s]) => s.status === 'finished')
    .flatMap(([stage, s]) => finalMetrics(stage, s, none, now));
  const childRun = await syncedRunId(trialDir(dir, best), uri);
  return {
    trial: best,
    metrics,
    tags: { [BEST_TRIAL_TAG]: runName(trial.record), ...(childRun ? { [BEST_RUN_TAG]: childRun } : {}) },
  };
}

function stringParams(source: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function describeAssignment(assignment: Record<string, unknown> | undefined): string {
  return Object.entries(assignment ?? {})
    .map(([k, v]) => `${k.split('.').slice(-1)[0]}=${JSON.stringify(v)}`)
    .join(' ');
}

function runTags(record: RunRecord): Record<string, string> {
  const env = record.environment;
  const cached = Object.entries(record.stages)
    .filter(([, s]) => s.cached)
    .map(([name]) => name);
  return {
    'aelab.kind': record.kind,
    'aelab.experiment_file': record.experiment_file,
    'aelab.seed': String(record.seed),
    'aelab.status': record.status,
    ...(env
      ? { 'aelab.backend': env.backend, 'aelab.version': env.aelab, 'aelab.tfjs': env.tfjs, 'aelab.node': env.node }
      : {}),
    ...(env?.threads === undefined ? {} : { 'aelab.threads': String(env.threads) }),
    ...(env?.gitCommit ? { 'mlflow.source.git.commit': env.gitCommit } : {}),
    ...(record.trial ? { 'aelab.trial': record.trial } : {}),
    ...(cached.length ? { [CACHED_TAG]: cached.join(',') } : {}),
    ...(record.error ? { 'aelab.error': record.error.slice(0, 5000) } : {}),
  };
}

/** A run's params.json as MLflow params; a folder without one (a run cut short early) gives its config, flattened. */
async function readParams(dir: string): Promise<Record<string, string>> {
  const raw = await readParamsFile(dir);
  return stringParams(Object.keys(raw).length ? raw : flattenSettings(await readConfigOr<unknown>(dir, {})));
}

async function uploadArtifacts(
  client: MlflowClient,
  runId: string,
  dir: string,
  state: ServerState,
  save: () => Promise<void>,
): Promise<MlflowResult<null>> {
  const files = await listFiles(dir);
  state.artifacts ??= {};
  for (const rel of files) {
    if (rel === SYNC_FILE || rel.startsWith(`${TRIALS_DIR}/`)) continue;
    const info = await stat(path.join(dir, rel));
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (state.artifacts[rel] === stamp) continue;
    const sent = await client.uploadArtifact(
      state.artifactUri ? { artifactUri: state.artifactUri } : runId,
      rel,
      await readFile(path.join(dir, rel)),
    );
    if (!sent.ok) return sent;
    state.artifacts[rel] = stamp;
    await save();
  }
  await save();
  return { ok: true, value: null };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

export type { MlflowError };
