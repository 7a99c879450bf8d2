/**
 * The experiment's stages as a reader wants them: in the order they run, each with what it reads
 * and a one-line description of its model and training. Built from the resolved config alone.
 */
import type { AutoencoderStageConfig, ClassifierStageConfig, ExperimentConfig, StageConfig, TrainConfig } from '../config/types.js';
import { parseReference, type Reference } from '../config/references.js';
import type { DataSourceConfig } from '../data/config.js';
import { Dag } from '../graph/dag.js';
import { formatSetting } from './format.js';

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
  const dag = new Dag<undefined>();
  for (const name of Object.keys(config.data ?? {})) dag.addNode(name);
  for (const [name, stage] of Object.entries(config.stages ?? {})) {
    dag.addNode(name);
    dag.addEdge(parseReference(stage.input).node, name, undefined);
    if (stage.type === 'evaluate') dag.addEdge(parseReference(stage.model).node, name, undefined);
  }
  const topo = dag.topologicalOrder();
  // A validated config has no cycle; if one slipped through, file order still tells the story.
  const order = topo.ok ? topo.order : Object.keys(config.stages ?? {});
  const stages = order
    .filter((name) => config.stages?.[name] !== undefined)
    .map((name) => {
      const stage = config.stages[name]!;
      return { name, config: stage, reads: parseReference(stage.input), model: describeModel(stage), training: 'train' in stage ? describeTraining(stage.train, stage.type === 'autoencoder') : '' };
    });
  return { stages, data: config.data ?? {} };
}

export function describeModel(stage: StageConfig): string {
  switch (stage.type) {
    case 'autoencoder':
      return describeAutoencoder(stage);
    case 'classifier':
      return describeClassifier(stage);
    case 'transform':
      return `${stage.noise.kind.replace(/_/g, ' ')} noise, ${formatSetting(stage.noise.amount)}`;
    case 'evaluate':
      return `${stage.model} applied to ${stage.input}`;
    default:
      return String((stage as { type?: unknown }).type ?? 'stage');
  }
}

function describeAutoencoder(ae: AutoencoderStageConfig): string {
  const parts = [`latent ${ae.latent}`];
  if (ae.hidden?.length) parts.push(`hidden ${ae.hidden.join('-')}`);
  if (ae.filters?.length) parts.push(`filters ${ae.filters.join('-')}`);
  if (ae.noise && Object.keys(ae.noise).length) parts.push(`noise ${Object.entries(ae.noise).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
  if (ae.sparsity) parts.push(`${ae.sparsity.kind} sparsity ${formatSetting(ae.sparsity.weight)}`);
  if (ae.contractive_weight !== undefined) parts.push(`contractive weight ${formatSetting(ae.contractive_weight)}`);
  if (ae.kl_weight !== undefined) parts.push(`KL weight ${formatSetting(ae.kl_weight)}`);
  return `${ae.variant ?? ''} autoencoder, ${parts.join(', ')}`.trim();
}

export function archName(c: ClassifierStageConfig): string {
  return c.arch === 'cnn' ? 'CNN' : c.arch === 'dense' ? 'dense classifier' : 'classifier';
}

function describeClassifier(c: ClassifierStageConfig): string {
  const parts: string[] = [];
  if (c.arch === 'cnn' && c.filters?.length) parts.push(`filters ${c.filters.join('-')}`);
  if (c.dense?.length) parts.push(`dense ${c.dense.join('-')}`);
  if (c.dropout) parts.push(`dropout ${c.dropout}`);
  return parts.length ? `${archName(c)} (${parts.join(', ')})` : archName(c);
}

const LOSS_NAMES: Record<string, string> = { binary_crossentropy: 'binary cross-entropy', mse: 'mean squared error' };

export const lossName = (loss: string): string => LOSS_NAMES[loss] ?? loss;

function describeTraining(train: TrainConfig | undefined, withLoss: boolean): string {
  if (!train) return '';
  const lr = train.optimizer?.learning_rate;
  const parts = [`${train.epochs} epoch${train.epochs === 1 ? '' : 's'}`, `batch ${train.batch_size}`, `${train.optimizer?.name ?? '?'}${lr !== undefined ? ` (lr ${formatSetting(lr)})` : ''}`];
  if (withLoss && train.loss) parts.push(lossName(train.loss));
  return parts.join(', ');
}

/** "embedded MNIST, 8000 train / 2000 test", "IDX files in data/fashion", ... */
export function describeData(source: DataSourceConfig): string {
  const sizes = (train?: number, test?: number) => (train !== undefined || test !== undefined ? `, ${train ?? 'all'} train / ${test ?? 'all'} test` : '');
  switch (source.source) {
    case 'mnist':
      return `embedded MNIST digits${sizes(source.train, source.test)}`;
    case 'idx':
      return `IDX files in ${source.path}${sizes(source.train, source.test)}`;
    case 'url':
      return `IDX files from ${source.url}${sizes(source.train, source.test)}`;
    default:
      return String((source as { source?: unknown }).source ?? 'data');
  }
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
