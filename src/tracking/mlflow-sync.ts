import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { flattenSettings } from '../util/flatten-settings.js';
import {
  listTrials,
  readConfigOr,
  readParams as readParamsFile,
  readRun,
  readSyncFile,
  SYNC_FILE,
  TRIALS_DIR,
  trialDir,
  writeSyncFile,
  type RunRecord,
} from '../run-store/index.js';
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
  /** Lines of metrics.jsonl already sent. */
  metricsSent?: number;
  /** Stages whose final metrics were sent. */
  finalsSent?: string[];
  /** Artifacts uploaded, with the size and mtime they had (a changed file is sent again). */
  artifacts?: Record<string, string>;
  statusSent?: string;
}

/** mlflow.json in a run folder: one state per tracking server. */
type SyncFile = Record<string, ServerState>;

/** The tag that finds a run again on the server if our own record of it was lost. */
export const LOCAL_RUN_TAG = 'aelab.run_id';

const TERMINAL: Record<string, RunStatus> = { finished: 'FINISHED', failed: 'FAILED', killed: 'KILLED' };

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
  const { record, metrics } = await readRun(dir);
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
        runName:
          record.kind === 'trial' && record.trial
            ? `${record.trial} ${describeAssignment(record.assignment)}`.trim()
            : record.id,
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
  const tags = runTags(record);
  if (!state.paramsLogged) {
    const params = await readParams(dir);
    const sent = await client.logBatch({ runId, params, tags });
    if (!sent.ok) return sent;
    state.paramsLogged = true;
    await save();
  } else {
    const sent = await client.logBatch({ runId, tags });
    if (!sent.ok) return sent;
  }

  const fresh = metrics.slice(state.metricsSent ?? 0);
  const finals = Object.entries(record.stages).filter(
    ([stage, s]) => s.status === 'finished' && !(state.finalsSent ?? []).includes(stage),
  );
  if (fresh.length || finals.length) {
    const batch = [
      ...fresh.map((m) => ({ key: `${m.stage}.${m.key}`, value: m.value, step: m.step, timestamp: m.time })),
      ...finals.flatMap(([stage, s]) =>
        Object.entries(s.metrics).map(([key, value]) => ({
          key: `${stage}.${key}`,
          value,
          step: 0,
          timestamp: Date.now(),
        })),
      ),
    ];
    const sent = await client.logBatch({ runId, metrics: batch });
    if (!sent.ok) return sent;
    state.metricsSent = (state.metricsSent ?? 0) + fresh.length;
    state.finalsSent = [...(state.finalsSent ?? []), ...finals.map(([stage]) => stage)];
    await save();
  }

  // Artifacts go up once the run has ended: until then its files are still being written.
  const terminal = TERMINAL[record.status];
  if (terminal) {
    const uploaded = await uploadArtifacts(client, runId, dir, state, save);
    if (!uploaded.ok) return uploaded;
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
  }
  return { ok: true, value: { runId } };
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

/** The MLflow run id a folder has on a server, if it was synced there. */
export async function syncedRunId(dir: string, uri: string): Promise<string | undefined> {
  return (await readSyncFile<ServerState>(dir))[uri]?.runId;
}

function describeAssignment(assignment: Record<string, unknown> | undefined): string {
  return Object.entries(assignment ?? {})
    .map(([k, v]) => `${k.split('.').slice(-1)[0]}=${JSON.stringify(v)}`)
    .join(' ');
}

function runTags(record: RunRecord): Record<string, string> {
  const env = record.environment;
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
    ...(record.error ? { 'aelab.error': record.error.slice(0, 5000) } : {}),
  };
}

async function readParams(dir: string): Promise<Record<string, string>> {
  const raw = await readParamsFile(dir);
  // A sweep folder has no params.json: its settings are its config, flattened.
  const source = Object.keys(raw).length ? raw : flattenSettings(await readConfigOr<unknown>(dir, {}));
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
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
