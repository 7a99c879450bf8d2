import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ArtifactRecord, CacheHit, EpochRecord, StageCache } from '../cache/stage-cache.js';
import { STAGES_DIR, stageDir } from '../run-store/files.js';
import { WriteError } from '../util/atomic.js';
import { flattenSettings } from '../util/flatten-settings.js';
import type { PlannedNode, Trial } from '../plan/plan.js';
import { asTrained } from '../stages/as-trained.js';
import { StageError, StageStopped } from '../stages/stage.js';
import type { StageValue } from '../types/stage-values.js';
import type { EnvironmentInfo, Emit, EventBody, Judge, StopRecord, Verdict } from '../types/run-events.js';

export interface TrialOptions {
  /** The trial's run folder: stages write their artifacts under `<runDir>/stages/<name>/`. */
  readonly runDir: string;
  /** Relative data paths resolve against this folder: the experiment file's. */
  readonly experimentDir: string;
  /** Converted and downloaded data sets are kept here between runs. */
  readonly dataCacheDir: string;
  readonly environment: EnvironmentInfo;
  readonly emit: Emit;
  /** Reuse and record stage outputs by fingerprint; absent with --no-cache. */
  readonly cache?: StageCache;
  /** A sweep's scheduler: asked after every epoch of `stage` with its `metric`. */
  readonly schedule?: TrialSchedule;
}

export interface TrialSchedule {
  readonly stage: string;
  readonly metric: string;
  readonly judge: Judge;
}

export type TrialStatus =
  | { readonly status: 'finished' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'stopped'; readonly stopped: StopRecord };

/** How often a trial looks again for a stage that another process is computing. */
const LOCK_POLL_MS = 250;

/**
 * Runs the nodes of one trial in order, each after its inputs. A stage already in the cache is
 * not run: its logs are replayed and its outputs read only if a later stage must be computed, so
 * a trial whose stages are all cached needs neither the data nor TensorFlow.js. A failing stage
 * fails the trial; the stages after it are skipped, and everything logged before stays.
 */
export async function runTrial(trial: Trial, options: TrialOptions): Promise<TrialStatus> {
  const emit = (body: EventBody) => options.emit({ ...body, time: Date.now(), trial: trial.id } as Parameters<Emit>[0]);
  emit({ type: 'run_started', params: flattenSettings(asTrained(trial.config)), environment: options.environment });
  const values = new Map<string, () => Promise<StageValue>>();
  let failure: string | undefined;
  let stopped: StopRecord | undefined;

  for (const node of trial.nodes) {
    if (failure !== undefined || stopped !== undefined) {
      if (node.kind === 'stage')
        emit({
          type: 'stage_skipped',
          stage: node.name,
          reason: stopped ? `the scheduler stopped the trial in stage ${stopped.stage}` : 'an earlier stage failed',
        });
      continue;
    }
    if (node.kind === 'data') {
      values.set(
        node.name,
        memo(async () => {
          const value = await loadData(node, trial, options);
          if (value.kind === 'images')
            emit({
              type: 'dataset',
              dataset: {
                name: node.name,
                identity: `${node.content ?? ''}|${value.split.identity}`,
                source: describeSource(node.config),
                train: value.split.train.n,
                test: value.split.test.n,
                ...(value.split.validation ? { validation: value.split.validation.n } : {}),
              },
            });
          return value;
        }),
      );
      continue;
    }
    try {
      await runStage(node, trial, options, values, emit);
    } catch (e) {
      if (e instanceof StageStopped) {
        stopped = { stage: node.name, epoch: e.epoch, reason: e.reason };
        emit({
          type: 'stage_stopped',
          stage: node.name,
          epoch: e.epoch,
          epochs: 'train' in node.config ? node.config.train.epochs : e.epoch,
          reason: e.reason,
        });
        continue;
      }
      // A stage's own error and a file the disk would not take are said in their words; a bug with its stack.
      failure =
        e instanceof StageError || e instanceof WriteError
          ? e.message
          : e instanceof Error
            ? (e.stack ?? e.message)
            : String(e);
      emit({ type: 'stage_failed', stage: node.name, error: failure });
    }
  }
  if (failure !== undefined) {
    emit({ type: 'run_finished', status: 'failed', error: failure });
    return { status: 'failed', error: failure };
  }
  emit({ type: 'run_finished', status: stopped ? 'stopped' : 'finished' });
  return stopped ? { status: 'stopped', stopped } : { status: 'finished' };
}

/** Where a data set's bytes come from, in a few words. */
function describeSource(config: Extract<PlannedNode, { kind: 'data' }>['config']): string {
  if (config.source === 'idx') return `idx:${config.path}`;
  if (config.source === 'url') return config.url;
  return config.source;
}

async function loadData(
  node: Extract<PlannedNode, { kind: 'data' }>,
  trial: Trial,
  options: TrialOptions,
): Promise<StageValue> {
  const { loadDataSplit } = await import('../data/index.js');
  const loaded = await loadDataSplit(node.config, {
    seed: trial.config.seed,
    projectDir: options.experimentDir,
    cacheDir: path.resolve(options.dataCacheDir),
  });
  if (!loaded.ok) throw new StageError(`data set ${node.name}: ${loaded.error}`);
  if (node.content !== undefined) {
    // The fingerprints were made from the bytes as planned. Files replaced since (during a long
    // sweep) would file new results under the old data's fingerprint: asked again after the read
    // (a stat per file, the hashes are remembered), any change in between shows.
    const { dataContentIdentity } = await import('../data/identity.js');
    const now = await dataContentIdentity(node.config, {
      experimentDir: options.experimentDir,
      cacheDir: options.dataCacheDir,
      download: false,
    });
    if (!now.ok || now.value !== node.content)
      throw new StageError(
        `data set ${node.name}: its files changed after the run started (${now.ok ? 'other bytes' : now.error}); run again to use the new data`,
      );
  }
  return { kind: 'images', split: loaded.value, flat: false };
}

async function runStage(
  node: Extract<PlannedNode, { kind: 'stage' }>,
  trial: Trial,
  options: TrialOptions,
  values: Map<string, () => Promise<StageValue>>,
  emit: (body: EventBody) => void,
): Promise<void> {
  const started = Date.now();
  emit({ type: 'stage_started', stage: node.name, fingerprint: node.fingerprint });
  // The one door: a stage name that is not an identifier never becomes a path.
  const dir = stageDir(options.runDir, node.name);
  const relDir = `${STAGES_DIR}/${node.name}`;
  const cache = options.cache;

  const afterEpoch = scheduledBy(options.schedule, node.name, trial.id);
  const reuse = async (hit: CacheHit): Promise<void> => {
    // Replay what the stored stage logged, so this run's folder is as complete as the original's;
    // a scheduler judges the replayed epochs as it would have judged them trained.
    for (const e of hit.epochs) {
      emit({ type: 'epoch', stage: node.name, ...e, cached: true });
      if (afterEpoch && e.epoch < e.epochs) {
        const verdict = await afterEpoch(e.epoch, e.metrics);
        if (verdict.decision === 'stop') throw new StageStopped(e.epoch, verdict.reason);
      }
    }
    for (const a of hit.artifacts)
      emit({ type: 'artifact', stage: node.name, path: `${relDir}/${a.path}`, description: a.description });
    const outputs = memo(hit.outputs);
    for (const output of node.outputs) values.set(`${node.name}.${output}`, async () => (await outputs())[output]!);
    emit({ type: 'stage_finished', stage: node.name, metrics: hit.metrics, seconds: hit.seconds, cached: true });
  };

  let release: (() => Promise<void>) | undefined;
  if (cache) {
    // Another trial may be computing this very stage: wait for its result rather than repeat it.
    for (;;) {
      const hit = await cache.load(node.fingerprint, dir, (message) =>
        emit({ type: 'warning', stage: node.name, message }),
      );
      if (hit) return reuse(hit);
      release = await cache.tryLock(node.fingerprint);
      if (release) {
        // The holder before us may have stored the entry and let go between our look and our lock.
        const stored = await cache.load(node.fingerprint, dir);
        if (!stored) break;
        await release();
        return reuse(stored);
      }
      await sleep(LOCK_POLL_MS);
    }
  }
  try {
    await mkdir(dir, { recursive: true });
    const inputs = await Promise.all(
      node.inputs.map((input) =>
        valueOf(values, input.output === undefined ? input.node : `${input.node}.${input.output}`, node.name),
      ),
    );
    const epochs: EpochRecord[] = [];
    const artifacts: ArtifactRecord[] = [];
    const { stageType } = await import('../stages/registry.js');
    const result = await (
      await stageType(node.config.type)!.load()
    ).run(node.config, inputs, {
      name: node.name,
      seed: trial.config.seed,
      dir,
      relDir,
      ...(afterEpoch ? { afterEpoch } : {}),
      emit: (body) => {
        if (body.type === 'epoch') {
          epochs.push({ epoch: body.epoch, epochs: body.epochs, metrics: body.metrics, seconds: body.seconds });
        }
        if (body.type === 'artifact')
          artifacts.push({ path: body.path.slice(relDir.length + 1), description: body.description });
        emit(body);
      },
    });
    for (const [output, value] of Object.entries(result.outputs))
      values.set(`${node.name}.${output}`, async () => value);
    const seconds = (Date.now() - started) / 1000;
    await cache?.store(node.fingerprint, node.name, result, { epochs, artifacts }, seconds, dir);
    emit({ type: 'stage_finished', stage: node.name, metrics: result.metrics, seconds, cached: false });
  } finally {
    await release?.();
  }
}

/** The stage context's question to the scheduler, for the scheduled stage only. */
function scheduledBy(
  schedule: TrialSchedule | undefined,
  stage: string,
  trial: string,
): ((epoch: number, metrics: Readonly<Record<string, number>>) => Promise<Verdict>) | undefined {
  if (!schedule || schedule.stage !== stage) return undefined;
  return (epoch, metrics) => {
    const value = metrics[schedule.metric];
    if (value === undefined)
      throw new StageError(
        `the scheduler judges ${schedule.metric}, which stage ${stage} does not log (its epoch metrics: ${Object.keys(metrics).join(', ')})`,
      );
    return schedule.judge({ trial, stage, epoch, value });
  };
}

function valueOf(values: Map<string, () => Promise<StageValue>>, key: string, reader: string): Promise<StageValue> {
  const get = values.get(key);
  if (!get) throw new Error(`bug: ${reader} runs before its input ${key}`);
  return get();
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
