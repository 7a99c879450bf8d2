/**
 * What a local run says to MLflow: its name, its params (a sweep's shared ones) and its tags. The
 * sync steps in mlflow-sync.ts send them; this file only derives them from the run folder.
 */
import { flattenSettings } from '../util/flatten-settings.js';
import {
  listTrials,
  readConfigOr,
  readParams as readParamsFile,
  trialDir,
  type RunRecord,
} from '../run-store/index.js';

/** The stages of a run that were served from the cache, not computed (comma-separated). */
export const CACHED_TAG = 'aelab.cached_stages';

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
export async function sweepParams(dir: string): Promise<Record<string, string>> {
  const config = await readConfigOr<{ sweep?: unknown }>(dir, {});
  const definition = stringParams(flattenSettings({ sweep: config.sweep }));
  const trials = await Promise.all((await listTrials(dir)).map((t) => readParams(trialDir(dir, t))));
  const ran = trials.filter((p) => Object.keys(p).length);
  const common: Record<string, string> = {};
  for (const [key, value] of Object.entries(ran[0] ?? {}))
    if (ran.every((p) => p[key] === value) && !key.startsWith('sweep.')) common[key] = value;
  return { ...common, ...definition };
}

function stringParams(source: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function describeAssignment(assignment: Record<string, unknown> | undefined): string {
  return Object.entries(assignment ?? {})
    .map(([k, v]) => `${k.split('.').slice(-1)[0]}=${JSON.stringify(v)}`)
    .join(' ');
}

/** The stages that trained with early stopping: where each stopped and its best epoch ("ae: stopped at 4, best 1"). */
export const EARLY_STOPPING_TAG = 'aelab.early_stopping';

function earlyStopping(record: RunRecord): string {
  return Object.entries(record.stages)
    .filter(([, s]) => s.metrics.stopped_epoch !== undefined)
    .map(([name, s]) => `${name}: stopped at ${s.metrics.stopped_epoch}, best ${s.metrics.best_epoch}`)
    .join('; ');
}

export function runTags(record: RunRecord): Record<string, string> {
  const env = record.environment;
  const stopped = earlyStopping(record);
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
    ...(stopped ? { [EARLY_STOPPING_TAG]: stopped } : {}),
    ...(record.error ? { 'aelab.error': record.error.slice(0, 5000) } : {}),
    ...stoppedTags(record),
  };
}

/** A trial the sweep's scheduler stopped: where, at which epoch, and why. */
function stoppedTags(record: RunRecord): Record<string, string> {
  const entry = Object.entries(record.stages).find(([, s]) => s.status === 'stopped');
  if (record.status !== 'stopped' || !entry) return {};
  const [stage, s] = entry;
  return {
    'aelab.stopped_stage': stage,
    'aelab.stopped_epoch': String(s.epoch ?? ''),
    ...(s.reason ? { 'aelab.stopped_reason': s.reason.slice(0, 5000) } : {}),
  };
}

/** A run's params.json as MLflow params; a folder without one (a run cut short early) gives its config, flattened. */
export async function readParams(dir: string): Promise<Record<string, string>> {
  const raw = await readParamsFile(dir);
  return stringParams(Object.keys(raw).length ? raw : flattenSettings(await readConfigOr<unknown>(dir, {})));
}
