import { isCount, size, type Shape } from '../stages/definition.js';
import { stageType } from '../stages/registry.js';
import { isObject } from '../util/json.js';
import { flowOf, IMAGE_SHAPE, type Graph } from './shapes.js';
import { thousands } from '../util/thousands.js';

/**
 * A rough upper estimate of the memory one trial needs, so that an experiment that cannot fit
 * is refused before anything loads rather than dying of an out-of-memory error mid-run. Counted:
 * each data set as its bytes (one per pixel, as the files hold them; models make floats a batch at
 * a time) and each image output of a stage as float32 (train + test), each model's
 * weights four times (weights, gradients and two optimizer slots, as Adam keeps), and one
 * batch's activations twice (forward values and their gradients). Each stage type counts its
 * own network (`net` of its definition).
 */

const FLOAT = 4;
/** Weights, their gradients, and two optimizer slots (Adam's m and v; Adadelta's two accumulators). */
const WEIGHT_COPIES = 4;
/** A data source that does not say how many images it has is taken to be MNIST-sized. */
const ASSUMED_IDX_COUNT = 70_000;

export const DEFAULT_MEMORY_LIMIT = 16 * 1024 ** 3;

export interface MemoryPart {
  /** Where it comes from, for the message and the location: ['data', name] or ['stages', name]. */
  readonly path: readonly [string, string];
  readonly bytes: number;
  readonly detail: string;
}

export interface MemoryEstimate {
  readonly bytes: number;
  readonly parts: readonly MemoryPart[];
}

/** The limit: AELAB_MEMORY_LIMIT_GIB when set to a positive number, else 16 GiB. */
export function memoryLimit(env: NodeJS.ProcessEnv = process.env): number {
  const gib = Number(env.AELAB_MEMORY_LIMIT_GIB);
  return Number.isFinite(gib) && gib > 0 ? gib * 1024 ** 3 : DEFAULT_MEMORY_LIMIT;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Samples (train + test) of a data set; counts from file headers win over assumptions. */
function sampleCount(source: unknown, known?: number): number {
  if (!isObject(source)) return 0;
  const train = isCount(source.train) ? source.train : undefined;
  const test = isCount(source.test) ? source.test : undefined;
  // Official MNIST: a split left out is taken whole.
  if (source.source === 'mnist') return (train ?? 60_000) + (test ?? 10_000);
  if (train !== undefined && test !== undefined) return train + test;
  if (known !== undefined) return known;
  return (train ?? 0) + (test ?? 0) || ASSUMED_IDX_COUNT;
}

export function estimateMemory(
  data: unknown,
  knownCounts: ReadonlyMap<string, number> = new Map(),
  datasetShapes?: ReadonlyMap<string, Shape>,
): MemoryEstimate {
  if (!isObject(data)) return { bytes: 0, parts: [] };
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const graph: Graph = { datasets, stages, ...(datasetShapes ? { datasetShapes } : {}) };
  const parts: MemoryPart[] = [];
  const n = new Map<string, number>();
  for (const [name, source] of Object.entries(datasets)) {
    const count = sampleCount(source, knownCounts.get(name));
    n.set(name, count);
    const shape = datasetShapes?.get(name) ?? IMAGE_SHAPE;
    parts.push({
      path: ['data', name],
      bytes: count * (size(shape) + 1),
      detail: `${thousands(count)} images`,
    });
  }
  for (const [name, stage] of Object.entries(stages)) {
    if (!isObject(stage)) continue;
    const flow = flowOf(graph, stage.input);
    if (!flow) continue;
    const samples = n.get(flow.dataset) ?? 0;
    const train = isObject(stage.train) ? stage.train : {};
    const batch = Math.min(isCount(train.batch_size) ? train.batch_size : 128, Math.max(1, samples));
    const net = stageType(stage.type)?.net?.(stage, flow.shape);
    if (!net) continue;
    const outputs = samples * net.outputValues * FLOAT;
    const weights = net.params * FLOAT * WEIGHT_COPIES;
    const activations = batch * net.activations * FLOAT * 2;
    parts.push({
      path: ['stages', name],
      bytes: outputs + weights + activations,
      detail: `${thousands(net.params)} weights (${formatBytes(weights)} with gradients and optimizer state)${outputs ? `, outputs ${formatBytes(outputs)}` : ''}, batch activations ${formatBytes(activations)}`,
    });
  }
  return { bytes: parts.reduce((a, p) => a + p.bytes, 0), parts: parts.sort((a, b) => b.bytes - a.bytes) };
}
