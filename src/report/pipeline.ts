/**
 * The experiment's stages as a reader wants them: in the order they run, each with what it reads
 * and a one-line description of its model and training (each stage type describes its own).
 * Built from the resolved config alone.
 */
import { stageGraph } from '../config/stage-graph.js';
import type { ExperimentConfig, StageConfig } from '../types/experiment-config.js';
import type { DataSourceConfig } from '../types/experiment-config.js';
import { parseReference, type Reference } from '../stages/references.js';
import { dataSource, stageType } from '../stages/registry.js';

export interface StageInfo {
  readonly name: string;
  readonly config: StageConfig;
  readonly reads: Reference;
  /** "undercomplete autoencoder, latent 32" or "CNN (filters 32-64, dense 128)". */
  readonly model: string;
  /** "50 epochs, batch 256, adadelta (lr 1), binary cross-entropy". */
  readonly training: string;
}

export interface Pipeline {
  /** Stages in the order they run (a topological order, ties in file order). */
  readonly stages: readonly StageInfo[];
  readonly data: Readonly<Record<string, DataSourceConfig>>;
}

export function pipelineOf(config: ExperimentConfig): Pipeline {
  const topo = stageGraph(config).order;
  // A validated config has no cycle; if one slipped through, file order still tells the story.
  const order = topo.ok ? topo.order : Object.keys(config.stages ?? {});
  const stages = order
    .filter((name) => config.stages?.[name] !== undefined)
    .map((name) => {
      const stage = config.stages[name]!;
      return {
        name,
        config: stage,
        reads: parseReference(stage.input),
        model: describeModel(stage),
        training: stageType(stage.type)?.training(stage) ?? '',
      };
    });
  return { stages, data: config.data ?? {} };
}

function describeModel(stage: StageConfig): string {
  return stageType(stage.type)?.describe(stage) ?? String((stage as { type?: unknown }).type ?? 'stage');
}

/** "official MNIST digits, 8000 train / 2000 test", "IDX files in data/fashion", ... */
export function describeData(source: DataSourceConfig): string {
  return dataSource(source.source)?.describe(source) ?? String((source as { source?: unknown }).source ?? 'data');
}

/** The data set at the root of a chain of stages: digits for ae.reconstructions when ae reads digits. */
export function rootData(config: ExperimentConfig, ref: Reference): string | undefined {
  const seen = new Set<string>();
  let node = ref.node;
  while (!seen.has(node)) {
    seen.add(node);
    if (config.data?.[node] !== undefined) return node;
    const stage = config.stages?.[node];
    if (!stage) return undefined;
    node = parseReference(stage.input).node;
  }
  return undefined;
}
