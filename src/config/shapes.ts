import { parseReference, STAGE_OUTPUTS } from './references.js';

/**
 * What flows along the DAG's edges, as far as validation can tell without loading anything:
 * the shape of one sample and the data set it comes from. Works on unvalidated data (anything
 * odd gives `undefined`) and stops at cycles, which semantic.ts reports on its own.
 */

export type Shape = readonly number[];
type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own keys only: `constructor` or `toString` must not count as a data set, a stage or an output. */
export const has = (o: object, key: string): boolean => Object.hasOwn(o, key);

/** MNIST-style images: what every data source yields unless its files say otherwise. */
export const IMAGE_SHAPE: Shape = [28, 28, 1];
export const DEFAULT_CONV_FILTERS = [16, 8, 8];
export const DEFAULT_DEEP_HIDDEN = [128, 64];

export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
export const size = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

export interface Flow {
  readonly shape: Shape;
  /** The data set at the root of the chain, whose sample counts flow along with the images. */
  readonly dataset: string;
}

export interface Graph {
  readonly datasets: Json;
  readonly stages: Json;
  /** Known shapes of data sets (from file headers); others are MNIST-sized. */
  readonly datasetShapes?: ReadonlyMap<string, Shape>;
}

export function stageOutputs(stage: unknown): Record<string, 'images' | 'model'> {
  const type = isObject(stage) && typeof stage.type === 'string' ? stage.type : '';
  return has(STAGE_OUTPUTS, type) ? STAGE_OUTPUTS[type]! : {};
}

/** The code of an autoencoder: a vector for dense variants, a feature map for convolutional. */
export function codeShape(stage: Json, input: Shape): Shape | undefined {
  if (!isCount(stage.latent)) return undefined;
  if (stage.variant !== 'convolutional') return [stage.latent];
  const blocks = Array.isArray(stage.filters) ? stage.filters.length : DEFAULT_CONV_FILTERS.length;
  // Each encoder block halves height and width ('same' padding, so odd sizes round up).
  const shrink = (n: number) => Array.from({ length: blocks }).reduce<number>((s) => Math.ceil(s / 2), n);
  return input.length === 3 ? [shrink(input[0]!), shrink(input[1]!), stage.latent] : undefined;
}

/** What `input: <reference>` yields, or undefined when the reference is bad or the graph cycles. */
export function flowOf(graph: Graph, reference: unknown, seen: ReadonlySet<string> = new Set()): Flow | undefined {
  if (typeof reference !== 'string') return undefined;
  const ref = parseReference(reference);
  if (has(graph.datasets, ref.node)) {
    return ref.output === undefined ? { shape: graph.datasetShapes?.get(ref.node) ?? IMAGE_SHAPE, dataset: ref.node } : undefined;
  }
  if (!has(graph.stages, ref.node) || seen.has(ref.node)) return undefined;
  const stage = graph.stages[ref.node];
  if (!isObject(stage)) return undefined;
  // Noise and a trained autoencoder's reconstructions keep the shape of what they were given.
  if (stage.type === 'transform' && ref.output === 'images') return flowOf(graph, stage.input, new Set([...seen, ref.node]));
  if (stage.type === 'evaluate' && ref.output === 'reconstructions') return flowOf(graph, stage.input, new Set([...seen, ref.node]));
  if (stage.type !== 'autoencoder') return undefined;
  const input = flowOf(graph, stage.input, new Set([...seen, ref.node]));
  if (!input) return undefined;
  if (ref.output === 'reconstructions') return input;
  if (ref.output === 'codes') {
    const shape = codeShape(stage, input.shape);
    return shape ? { shape, dataset: input.dataset } : undefined;
  }
  return undefined;
}
