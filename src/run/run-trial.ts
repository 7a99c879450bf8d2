import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { flattenSettings } from '../config/settings.js';
import { loadDataSplit } from '../data/index.js';
import type { PlannedNode, Trial } from '../plan/plan.js';
import { stageKinds } from '../stages/index.js';
import type { StageValue } from '../stages/stage.js';
import type { EnvironmentInfo, Emit, EventBody } from './events.js';

export interface TrialOptions {
  /** The trial's run folder: stages write their artifacts under `<runDir>/stages/<name>/`. */
  readonly runDir: string;
  /** Relative data paths resolve against this folder. */
  readonly projectDir: string;
  /** Converted and downloaded data sets are kept here between runs. */
  readonly dataCacheDir: string;
  readonly environment: EnvironmentInfo;
  readonly emit: Emit;
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
      await mkdir(dir, { recursive: true });
      const result = await stageKinds[node.config.type].run(node.config as never, inputsOf(node, values), {
        name: node.name,
        seed: trial.config.seed,
        dir,
        relDir,
        emit,
      });
      for (const [output, value] of Object.entries(result.outputs)) values.set(`${node.name}.${output}`, value);
      emit({ type: 'stage_finished', stage: node.name, metrics: result.metrics, seconds: (Date.now() - started) / 1000, cached: false });
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

function inputsOf(node: PlannedNode, values: Map<string, StageValue>): StageValue[] {
  return node.inputs.map((input) => {
    const key = input.output === undefined ? input.node : `${input.node}.${input.output}`;
    const value = values.get(key);
    if (!value) throw new Error(`bug: ${node.name} runs before its input ${key}`);
    return value;
  });
}

