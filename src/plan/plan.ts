import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { withSetting } from '../config/settings.js';
import { stageGraph } from '../config/stage-graph.js';
import type { ExperimentConfig, StageConfig } from '../types/experiment-config.js';
import type { DataSourceConfig } from '../types/experiment-config.js';
import { stageType } from '../stages/registry.js';
import { repeatSeed } from '../util/random.js';
import { expandSweep, type Assignment } from './sweep-expansion.js';

export interface PlannedInput {
  /** The reference as written (`ae.reconstructions`). */
  readonly ref: string;
  readonly node: string;
  readonly output?: string;
}

export type PlannedNode =
  | {
      readonly kind: 'data';
      readonly name: string;
      readonly config: DataSourceConfig;
      readonly inputs: readonly PlannedInput[];
      readonly outputs: readonly string[];
      readonly fingerprint: string;
      /** What the data's bytes were when planned (PlanOptions.dataContent), checked again when it loads. */
      readonly content?: string;
    }
  | {
      readonly kind: 'stage';
      readonly name: string;
      readonly config: StageConfig;
      readonly inputs: readonly PlannedInput[];
      readonly outputs: readonly string[];
      readonly fingerprint: string;
    };

export interface Trial {
  readonly index: number;
  /** `t000`, `t001`, ...: stable names for child runs. */
  readonly id: string;
  /** The swept settings of this trial (empty without a sweep). */
  readonly assignment: Assignment;
  /** The sweep point this trial repeats (its index among the sweep's distinct assignments). */
  readonly point: number;
  /** Which repeat of its point (0 without `sweep.repeats`); its seed is `repeatSeed(seed, repeat)`. */
  readonly repeat: number;
  readonly config: ExperimentConfig;
  /** Data sets and stages in an order that runs every node after its inputs. */
  readonly nodes: readonly PlannedNode[];
}

export interface Plan {
  readonly config: ExperimentConfig;
  readonly trials: readonly Trial[];
  readonly isSweep: boolean;
}

export interface PlanOptions {
  /** Identifies the code that computes stages: a change invalidates cached outputs. */
  readonly codeVersion: string;
  /** Results differ slightly across backends, so cached outputs are kept per backend. */
  readonly backend: string;
  /**
   * What a data source's bytes are (run/data-identities.ts): part of the data set's fingerprint,
   * so changed files are a cache miss. Undefined for a source whose content is not known.
   */
  readonly dataContent?: (source: DataSourceConfig) => string | undefined;
}

/** The key a data source's content identity is looked up by: its settings, in a stable order. */
export const dataSourceKey = (source: DataSourceConfig): string => stringify(source) ?? '';

const hash = (value: unknown): string =>
  createHash('sha256')
    .update(stringify(value) ?? '')
    .digest('hex')
    .slice(0, 16);

/** The nodes of one configuration in topological order, each with its fingerprint. */
export function planNodes(config: ExperimentConfig, options: PlanOptions): PlannedNode[] {
  const graph = stageGraph(config);
  const order = graph.order;
  // Loading validated the graph; a cycle here is a bug, not a user error.
  if (!order.ok) throw new Error(`bug: cycle in a validated experiment: ${order.cycle.map((e) => e.to).join(' -> ')}`);

  const fingerprints = new Map<string, string>();
  const nodes: PlannedNode[] = [];
  for (const name of order.order) {
    const data = config.data[name];
    if (data) {
      // A data set's identity is its source, its bytes and the seed that splits it: not the backend or code.
      const content = options.dataContent?.(data);
      const fingerprint = hash({
        kind: 'data',
        config: data,
        seed: config.seed,
        ...(content !== undefined ? { content } : {}),
      });
      fingerprints.set(name, fingerprint);
      nodes.push({
        kind: 'data',
        name,
        config: data,
        inputs: [],
        outputs: ['images'],
        fingerprint,
        ...(content !== undefined ? { content } : {}),
      });
      continue;
    }
    const stage = config.stages[name]!;
    // Inputs in the order of the type's references: `input` first, then `model` for an evaluation.
    const inputs: PlannedInput[] = (graph.references.get(name) ?? []).map(({ text, ref }) => ({
      ref: text,
      node: ref.node,
      ...(ref.output ? { output: ref.output } : {}),
    }));
    // Names of inputs are not settings: what they hold is in the inputs' fingerprints.
    const { input: _input, model: _model, ...settings } = stage as StageConfig & { model?: string };
    const fingerprint = hash({
      kind: stage.type,
      settings,
      inputs: inputs.map((i) => ({ fingerprint: fingerprints.get(i.node), output: i.output })),
      seed: config.seed,
      code: options.codeVersion,
      backend: options.backend,
    });
    fingerprints.set(name, fingerprint);
    // What the type offers, less what this stage cannot give (an evaluation of a classifier gives metrics only).
    const type = stageType(stage.type);
    const asJson = stage as unknown as Record<string, unknown>;
    const outputs = Object.keys(type?.outputs ?? {}).filter(
      (o) => !type?.unavailable?.(name, asJson, o, config.stages),
    );
    nodes.push({ kind: 'stage', name, config: stage, inputs, outputs, fingerprint });
  }
  return nodes;
}

/**
 * Expands the sweep into trials, each point `sweep.repeats` times in a row (point-major: t000..t002
 * are point 0's repeats); a file without a sweep is a plan of one trial. The repeats' seeds are
 * derived from the experiment's seed and the repeat index only, so a stage the swept keys do not
 * reach has the same fingerprint in every point's repeat k and is computed once per seed.
 */
export function planExperiment(config: ExperimentConfig, options: PlanOptions): Plan {
  const { sweep, ...base } = config;
  const repeats = sweep?.repeats ?? 1;
  const runs = expandSweep(sweep, config.seed).flatMap((assignment, point) =>
    Array.from({ length: repeats }, (_, repeat) => ({ assignment, point, repeat })),
  );
  const trials = runs.map(({ assignment, point, repeat }, index) => {
    let trialConfig: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(assignment)) {
      const set = withSetting(trialConfig, key, value);
      if (!set.ok) throw new Error(`bug: sweep key ${key} was validated but does not apply: ${set.message}`);
      trialConfig = set.value;
    }
    const seeded = { ...trialConfig, seed: repeatSeed(trialConfig.seed as number, repeat) };
    const resolved = seeded as unknown as ExperimentConfig;
    return {
      index,
      id: `t${String(index).padStart(3, '0')}`,
      assignment,
      point,
      repeat,
      config: resolved,
      nodes: planNodes(resolved, options),
    };
  });
  return { config, trials, isSweep: sweep !== undefined };
}

/** For each fingerprint, the trials that need it: what a sweep computes once and shares. */
export function sharedNodes(plan: Plan): Map<string, { name: string; trials: number[] }> {
  const out = new Map<string, { name: string; trials: number[] }>();
  for (const trial of plan.trials) {
    for (const node of trial.nodes) {
      const entry = out.get(node.fingerprint) ?? { name: node.name, trials: [] };
      entry.trials.push(trial.index);
      out.set(node.fingerprint, entry);
    }
  }
  return out;
}
