import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { flattenSettings } from '../config/settings.js';
import { loadDataSplit } from '../data/index.js';
import type { PlannedNode, Trial } from '../plan/plan.js';
import { stageKinds } from '../stages/index.js';
import type { StageValue } from '../stages/stage.js';
import type { EnvironmentInfo, Emit, EventBody } from './events.js';
import type { ArtifactRecord, EpochRecord, StageCache } from '../cache/stage-cache.js';

export interface TrialOptions {
  /** The trial's run folder: stages write their artifacts under `<runDir>/stages/<name>/`. */
  readonly runDir: string;
  /** Relative data paths resolve against this folder. */
  readonly projectDir: string;
  /** Converted and downloaded data sets are kept here between runs. */
  readonly dataCacheDir: string;
  readonly environment: EnvironmentInfo;
  readonly emit: Emit;
  /** Reuse and record stage outputs by fingerprint; absent with --no-cache. */
  readonly cache?: StageCache;
}

export type TrialStatus = { readonly status: 'finished' } | { readonly status: 'failed'; readonly error: string };

/**
 * Runs the nodes of one trial in order, each after its inputs. A failing stage fails the trial;
 * the stages that depend on it are skipped, and everything logged before stays as it was.
 */
export async function runTrial(trial: Trial, options: TrialOptions): Promise<TrialStatus> {
  const emit = (body: EventBody) => options.emit({ ...body, time: Date.now(), trial: trial.id } as Parameters<Emit>[0]);
  emit({ type: 'run_started', params: flattenSettings(trial.config), environment: options.environment });
  const values = new Map<string, StageValue>();
  let failure: string | undefined;

  for (const node of trial.nodes) {
    if (failure !== undefined) {
      if (node.kind === 'stage') emit({ type: 'stage_skipped', stage: node.name, reason: 'an earlier stage failed' });
      continue;
    }
    const started = Date.now();
    try {
      if (node.kind === 'data') {
        const loaded = await loadDataSplit(node.config, { seed: trial.config.seed, projectDir: options.projectDir, cacheDir: options.dataCacheDir });
        if (!loaded.ok) throw new StageError(loaded.error);
        values.set(node.name, { kind: 'images', split: loaded.value, flat: false });
        continue;
      }
      emit({ type: 'stage_started', stage: node.name, fingerprint: node.fingerprint });
      const relDir = `stages/${node.name}`;
      const dir = path.join(options.runDir, relDir);
      const hit = options.cache ? await options.cache.load(node.fingerprint, dir) : undefined;
      if (hit) {
        // Replay what the stored stage logged, so this run's folder is as complete as the original's.
        for (const e of hit.epochs) emit({ type: 'epoch', stage: node.name, ...e });
        for (const a of hit.artifacts) emit({ type: 'artifact', stage: node.name, path: `${relDir}/${a.path}`, description: a.description });
        for (const [output, value] of Object.entries(hit.result.outputs)) values.set(`${node.name}.${output}`, value);
        emit({ type: 'stage_finished', stage: node.name, metrics: hit.result.metrics, seconds: hit.seconds, cached: true });
        continue;
      }
      await mkdir(dir, { recursive: true });
      const epochs: EpochRecord[] = [];
      const artifacts: ArtifactRecord[] = [];
      const result = await stageKinds[node.config.type].run(node.config as never, inputsOf(node, values), {
        name: node.name,
        seed: trial.config.seed,
        dir,
        relDir,
        emit: (body) => {
          if (body.type === 'epoch') {
            if (Object.values(body.metrics).some((v) => !Number.isFinite(v))) throw new StageError(`${node.name}: a metric became ${formatBad(body.metrics)} at epoch ${body.epoch}; lower the learning rate`);
            epochs.push({ epoch: body.epoch, epochs: body.epochs, metrics: body.metrics, seconds: body.seconds });
          }
          if (body.type === 'artifact') artifacts.push({ path: body.path.slice(relDir.length + 1), description: body.description });
          emit(body);
        },
      });
      for (const [output, value] of Object.entries(result.outputs)) values.set(`${node.name}.${output}`, value);
      const seconds = (Date.now() - started) / 1000;
      await options.cache?.store(node.fingerprint, node.name, result, { epochs, artifacts }, seconds, dir);
      emit({ type: 'stage_finished', stage: node.name, metrics: result.metrics, seconds, cached: false });
    } catch (e) {
      failure = e instanceof StageError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
      emit({ type: 'stage_failed', stage: node.name, error: failure });
    }
  }
  emit({ type: 'run_finished', status: failure === undefined ? 'finished' : 'failed', ...(failure !== undefined ? { error: failure } : {}) });
  return failure === undefined ? { status: 'finished' } : { status: 'failed', error: failure };
}

/** An expected failure (bad data file, NaN loss) whose message is the whole story: no stack. */
export class StageError extends Error {}

function formatBad(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .filter(([, v]) => !Number.isFinite(v))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function inputsOf(node: PlannedNode, values: Map<string, StageValue>): StageValue[] {
  return node.inputs.map((input) => {
    const key = input.output === undefined ? input.node : `${input.node}.${input.output}`;
    const value = values.get(key);
    if (!value) throw new Error(`bug: ${node.name} runs before its input ${key}`);
    return value;
  });
}

