/**
 * The experiment's graph: data sets and stages as nodes, each reference a stage makes (`input:`,
 * an evaluation's `model:`) as an edge, in the order that runs every node after its inputs.
 * Validation, the planner and the report all build it here, from the stage types' definitions.
 */
import { Dag, type TopoResult } from '../graph/dag.js';
import type { OutputKind } from '../stages/definition.js';
import { parseReference, type Reference } from '../stages/references.js';
import { stageType } from '../stages/registry.js';
import { isObject, type Json } from '../util/json.js';

/** One reference of a stage to another node, as written. */
export interface StageReference {
  /** The stage that reads. */
  readonly stage: string;
  /** The key it is written under (`input`, `model`). */
  readonly key: string;
  /** What the key needs. */
  readonly kind: OutputKind;
  readonly text: string;
  readonly ref: Reference;
}

export interface StageGraph {
  readonly datasets: Json;
  readonly stages: Json;
  /** Each stage's references in its type's order (`input` first, then `model`), as written. */
  readonly references: ReadonlyMap<string, readonly StageReference[]>;
  /** Every node after the nodes it reads (ties in file order), or the cycle that prevents it. */
  readonly order: TopoResult<StageReference>;
}

/** The keys a stage of a mistyped type is still checked for: every mistake at once. */
const UNKNOWN_TYPE_KEYS = [{ key: 'input', kind: 'images' as const }];

/**
 * Works on unvalidated data (anything odd is skipped). `follows` decides which references become
 * edges: validation keeps only those that name what their key needs, so that a wrong reference
 * is reported as itself and not also as a cycle; a validated experiment keeps them all.
 */
export function stageGraph(
  experiment: unknown,
  follows: (reference: StageReference) => boolean = () => true,
): StageGraph {
  const data = isObject(experiment) ? experiment : {};
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const dag = new Dag<StageReference>();
  const references = new Map<string, StageReference[]>();
  for (const name of Object.keys(datasets)) dag.addNode(name);
  for (const [name, stage] of Object.entries(stages)) {
    dag.addNode(name);
    const mine: StageReference[] = [];
    references.set(name, mine);
    if (!isObject(stage)) continue;
    for (const { key, kind } of stageType(stage.type)?.references ?? UNKNOWN_TYPE_KEYS) {
      const text = stage[key];
      if (typeof text !== 'string') continue;
      const reference: StageReference = { stage: name, key, kind, text, ref: parseReference(text) };
      mine.push(reference);
      if (follows(reference)) dag.addEdge(reference.ref.node, name, reference);
    }
  }
  return { datasets, stages, references, order: dag.topologicalOrder() };
}
