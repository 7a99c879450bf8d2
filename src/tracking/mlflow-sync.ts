import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../types/result.js';
import {
  effectiveStatus,
  endedRecord,
  listRunFiles,
  listTrials,
  readRun,
  readSummary,
  readSyncFile,
  trialDir,
  writeSyncFile,
  type LiveStatus,
  type MetricLine,
  type RunRecord,
} from '../run-store/index.js';
import { EpochSeries, finalMetrics, type MlflowMetric } from './mlflow-metrics.js';
import { pointMetrics } from './mlflow-points.js';
import { sendDatasets } from './mlflow-datasets.js';
import { CACHED_TAG, readParams, runName, runTags, sweepParams } from './mlflow-run-fields.js';
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
  /** A repeated sweep's point aggregates were sent to its parent run. */
  pointsSent?: boolean;
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

/** A run that died (its process gone without a word) ended as a failure. */
const TERMINAL: Partial<Record<LiveStatus, RunStatus>> = {
  finished: 'FINISHED',
  // Stopped by the sweep's scheduler: it ended as the sweep meant (MLflow has no such status; the tags say it).
  stopped: 'FINISHED',
  failed: 'FAILED',
  killed: 'KILLED',
  died: 'FAILED',
};

export type SyncResult = MlflowResult<{ runId: string }>;

/** What each step of a sync works on: the run as it stands, and what was sent of it (saved after each send). */
interface SyncContext {
  readonly client: MlflowClient;
  readonly dir: string;
  readonly record: RunRecord;
  readonly metrics: readonly MetricLine[];
  /** The run's effective status (`died` for a run whose process is gone). */
  readonly status: LiveStatus;
  /** The MLflow status of an ended run; undefined while it runs. */
  readonly terminal: RunStatus | undefined;
  readonly state: ServerState;
  readonly save: () => Promise<void>;
}

type Step = (c: SyncContext & { readonly runId: string }) => Promise<MlflowResult<unknown>>;

/**
 * Brings one run folder's state on an MLflow server up to date, in steps that each send only what
 * the folder's mlflow.json says is missing: the run (created, or found by its `aelab.run_id` tag),
 * params and tags, metrics, a sweep's best trial, artifacts, the end status. Safe to call at any
 * time and any number of times.
 */
export async function syncRun(
  client: MlflowClient,
  dir: string,
  opts: { experiment: string; parentRunId?: string },
): Promise<SyncResult> {
  const { record: stored, metrics } = await readRun(dir);
  // A run whose process is gone is sent as it stands (died), not as the `running` it last wrote.
  const live = await effectiveStatus(dir, stored);
  const file: SyncFile = await readSyncFile<ServerState>(dir);
  const state: ServerState = file[client.uri] ?? {};
  const c: SyncContext = {
    client,
    dir,
    record: endedRecord(stored, live),
    metrics,
    status: live.status,
    terminal: TERMINAL[live.status],
    state,
    save: async () => {
      file[client.uri] = state;
      await writeSyncFile(dir, file);
    },
  };
  const run = await ensureRun(c, opts);
  if (!run.ok) return run;
  const withRun = { ...c, runId: run.value };
  for (const step of [sendParamsAndTags, sendDatasets, sendMetrics, sendBestTrial, sendPoints]) {
    const sent = await step(withRun);
    if (!sent.ok) return sent;
  }
  // Artifacts go up once the run has ended (until then its files are still being written); a
  // failed upload still ends the run, and is reported after.
  const artifacts = await sendArtifacts(withRun);
  if (!artifacts.ok && !artifacts.error.artifactsOnly) return { ok: false, error: artifacts.error.error };
  const ended = await sendStatus(withRun);
  if (!ended.ok) return ended;
  if (!artifacts.ok) return { ok: false, error: artifacts.error.error };
  return { ok: true, value: { runId: run.value } };
}

/** The MLflow run of this folder: recorded, found by its tag (our record was lost), or created. */
async function ensureRun(
  c: SyncContext,
  opts: { experiment: string; parentRunId?: string },
): Promise<MlflowResult<string>> {
  const { client, record, state } = c;
  if (state.runId) return { ok: true, value: state.runId };
  const experiment = await client.getOrCreateExperiment(opts.experiment);
  if (!experiment.ok) return experiment;
  state.experimentId = experiment.value.experimentId;
  const existing = await client.searchRuns({
    experimentIds: [state.experimentId],
    filter: `tags."${LOCAL_RUN_TAG}" = '${record.id.replace(/'/g, "\\'")}'`,
    maxResults: 1,
  });
  if (!existing.ok) return existing;
  let info = existing.value[0]?.info;
  if (!info) {
    const created = await client.createRun({
      experimentId: state.experimentId,
      runName: runName(record),
      startTime: Date.parse(record.start_time),
      tags: { [LOCAL_RUN_TAG]: record.id, ...(opts.parentRunId ? { [PARENT_RUN_ID_TAG]: opts.parentRunId } : {}) },
    });
    if (!created.ok) return created;
    info = created.value.info;
  }
  state.runId = info.runId;
  state.artifactUri = info.artifactUri;
  await c.save();
  return { ok: true, value: info.runId };
}

/** Tags with every sync (status, backend once known may change); params once (a sweep's when it has ended: what its trials share). */
const sendParamsAndTags: Step = async (c) => {
  const tags = { ...runTags(c.record), 'aelab.status': c.status };
  if (c.state.paramsLogged || (c.record.kind === 'sweep' && !c.terminal))
    return c.client.logBatch({ runId: c.runId, tags });
  const params = c.record.kind === 'sweep' ? await sweepParams(c.dir) : await readParams(c.dir);
  const sent = await c.client.logBatch({ runId: c.runId, params, tags });
  if (!sent.ok) return sent;
  c.state.paramsLogged = true;
  await c.save();
  return sent;
};

/** The metric lines not yet sent, and the final metrics of stages finished since the last sync. */
const sendMetrics: Step = async (c) => {
  const series = new EpochSeries(c.metrics);
  const fresh = c.metrics.slice(c.state.metricsSent ?? 0);
  const finals = Object.entries(c.record.stages).filter(
    ([stage, s]) => s.status === 'finished' && !(c.state.finalsSent ?? []).includes(stage),
  );
  if (!fresh.length && !finals.length) return { ok: true, value: null };
  const now = Date.now();
  const batch = [
    ...fresh.flatMap((m) => series.metric(m) ?? []),
    ...finals.flatMap(([stage, s]) => finalMetrics(stage, s, series, now)),
  ];
  const sent = batch.length ? await c.client.logBatch({ runId: c.runId, metrics: batch }) : undefined;
  if (sent && !sent.ok) return sent;
  c.state.metricsSent = (c.state.metricsSent ?? 0) + fresh.length;
  c.state.finalsSent = [...(c.state.finalsSent ?? []), ...finals.map(([stage]) => stage)];
  await c.save();
  return { ok: true, value: null };
};

/** An ended sweep's parent run carries its best trial's final metrics, and names it. */
const sendBestTrial: Step = async (c) => {
  if (c.record.kind !== 'sweep' || !c.terminal) return { ok: true, value: null };
  const best = await bestTrialMetrics(c.dir, c.client.uri);
  if (!best || c.state.bestSent === best.trial) return { ok: true, value: null };
  const sent = await c.client.logBatch({ runId: c.runId, metrics: best.metrics, tags: best.tags });
  if (!sent.ok) return sent;
  c.state.bestSent = best.trial;
  await c.save();
  return sent;
};

/** An ended repeated sweep's parent run carries each point's means, sd and intervals (mlflow-points.ts). */
const sendPoints: Step = async (c) => {
  if (c.record.kind !== 'sweep' || !c.terminal || c.state.pointsSent) return { ok: true, value: null };
  const points = pointMetrics(await readSummary(c.dir), Date.now());
  if (!points) return { ok: true, value: null };
  const sent = await c.client.logBatch({ runId: c.runId, metrics: points.metrics, tags: points.tags });
  if (!sent.ok) return sent;
  c.state.pointsSent = true;
  await c.save();
  return sent;
};

/**
 * An ended run's files not yet uploaded (or changed since). A server that refuses them gets a tag
 * saying why, and is not asked again; the error is then `artifactsOnly`, so the run still ends.
 */
async function sendArtifacts(
  c: SyncContext & { readonly runId: string },
): Promise<Result<null, { error: MlflowError; artifactsOnly: boolean }>> {
  if (!c.terminal || c.state.artifactsFailed) return { ok: true, value: null };
  const uploaded = await uploadArtifacts(c);
  if (uploaded.ok) return uploaded;
  c.state.artifactsFailed = uploaded.error.message;
  const tagged = await c.client.logBatch({
    runId: c.runId,
    tags: { [ARTIFACTS_TAG]: `not uploaded: ${uploaded.error.message}`.slice(0, 5000) },
  });
  if (!tagged.ok) return { ok: false, error: { error: tagged.error, artifactsOnly: false } };
  await c.save();
  const error = { ...uploaded.error, message: artifactFailure(c.client.uri, uploaded.error) };
  return { ok: false, error: { error, artifactsOnly: true } };
}

/** An ended run's end status, once. */
const sendStatus: Step = async (c) => {
  if (!c.terminal || c.state.statusSent === c.terminal) return { ok: true, value: null };
  const updated = await c.client.updateRun({
    runId: c.runId,
    status: c.terminal,
    ...(c.record.end_time ? { endTime: Date.parse(c.record.end_time) } : {}),
  });
  if (!updated.ok) return updated;
  c.state.statusSent = c.terminal;
  await c.save();
  return updated;
};

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

async function uploadArtifacts(c: SyncContext & { readonly runId: string }): Promise<MlflowResult<null>> {
  const sent = (c.state.artifacts ??= {});
  for (const file of await listRunFiles(c.dir)) {
    const stamp = `${file.size}:${file.mtimeMs}`;
    if (sent[file.path] === stamp) continue;
    const done = await c.client.uploadArtifact(
      c.state.artifactUri ? { artifactUri: c.state.artifactUri } : c.runId,
      file.path,
      await readFile(path.join(c.dir, file.path)),
    );
    if (!done.ok) return done;
    sent[file.path] = stamp;
    await c.save();
  }
  await c.save();
  return { ok: true, value: null };
}

export type { MlflowError };
export { CACHED_TAG, runName };
