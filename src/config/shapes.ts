import type { Flow, Shape } from '../stages/definition.js';
import { parseReference } from '../stages/references.js';
import { stageType } from '../stages/registry.js';
import { has, isObject, type Json } from '../util/json.js';

/**
 * What flows along the DAG's edges, as far as validation can tell without loading anything:
 * the shape of one sample and the data set it comes from (each stage type says what its outputs
 * look like). Works on unvalidated data (anything odd gives `undefined`) and stops at cycles,
 * which semantic.ts reports on its own.
 */

/** MNIST-style images: what every data source yields unless its files say otherwise. */
export const IMAGE_SHAPE: Shape = [28, 28, 1];

export interface Graph {
  readonly datasets: Json;
  readonly stages: Json;
  /** Known shapes of data sets (from file headers); others are MNIST-sized. */
  readonly datasetShapes?: ReadonlyMap<string, Shape>;
}

/** The outputs a stage of this (possibly mistyped) `type` offers. */
export function stageOutputs(stage: unknown): Readonly<Record<string, 'images' | 'model'>> {
  return (isObject(stage) && stageType(stage.type)?.outputs) || {};
}

/** What `input: <reference>` yields, or undefined when the reference is bad or the graph cycles. */
export function flowOf(graph: Graph, reference: unknown, seen: ReadonlySet<string> = new Set()): Flow | undefined {
  if (typeof reference !== 'string') return undefined;
  const ref = parseReference(reference);
  if (has(graph.datasets, ref.node)) {
    return ref.output === undefined
      ? { shape: graph.datasetShapes?.get(ref.node) ?? IMAGE_SHAPE, dataset: ref.node }
      : undefined;
  }
  if (!has(graph.stages, ref.node) || seen.has(ref.node)) return undefined;
  const stage = graph.stages[ref.node];
  if (!isObject(stage) || ref.output === undefined) return undefined;
  const within = new Set([...seen, ref.node]);
  return stageType(stage.type)?.outputFlow(stage, ref.output, (r) => flowOf(graph, r, within));
}
