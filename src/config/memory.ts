import { codeShape, DEFAULT_CONV_FILTERS, DEFAULT_DEEP_HIDDEN, flowOf, isCount, isObject, size, type Graph, type Shape } from './shapes.js';

/**
 * A rough upper estimate of the memory one trial needs, so that an experiment that cannot fit
 * is refused before anything loads rather than dying of an out-of-memory error mid-run. Counted:
 * each data set and each image output of a stage as float32 (train + test), each model's
 * weights four times (weights, gradients and two optimizer slots, as Adam keeps), and one
 * batch's activations twice (forward values and their gradients).
 */

const FLOAT = 4;
/** Weights, their gradients, and two optimizer slots (Adam's m and v; Adadelta's two accumulators). */
const WEIGHT_COPIES = 4;
/** A data source that does not say how many images it has is taken to be MNIST-sized. */
const ASSUMED_IDX_COUNT = 70_000;
const CLASSES = 10;

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
  if (train !== undefined && test !== undefined) return train + test;
  if (known !== undefined) return known;
  return (train ?? 0) + (test ?? 0) || ASSUMED_IDX_COUNT;
}

const counts = (v: unknown, fallback: readonly number[]): number[] => (Array.isArray(v) && v.every(isCount) ? (v as number[]) : [...fallback]);

interface Net {
  params: number;
  /** Values per sample produced by all layers (what a batch keeps for backprop). */
  activations: number;
}

function dense(sizes: readonly number[]): Net {
  let params = 0;
  let activations = 0;
  for (let i = 1; i < sizes.length; i++) {
    params += sizes[i - 1]! * sizes[i]! + sizes[i]!;
    activations += sizes[i]!;
  }
  return { params, activations };
}

/** 3x3 convolutions through a chain of channel counts, at a (roughly constant) spatial size. */
function convs(channels: readonly number[], h: number, w: number): Net {
  let params = 0;
  let activations = 0;
  for (let i = 1; i < channels.length; i++) {
    params += 9 * channels[i - 1]! * channels[i]! + channels[i]!;
    activations += h * w * channels[i]!;
  }
  return { params, activations };
}

function autoencoderNet(stage: Record<string, unknown>, input: Shape): Net {
  const latent = isCount(stage.latent) ? stage.latent : 32;
  if (stage.variant === 'convolutional' && input.length === 3) {
    const chain = [input[2]!, ...counts(stage.filters, DEFAULT_CONV_FILTERS), latent];
    const half = convs(chain, input[0]!, input[1]!);
    return { params: half.params * 2, activations: half.activations * 2 };
  }
  const hidden = counts(stage.hidden, stage.variant === 'deep' ? DEFAULT_DEEP_HIDDEN : []);
  const code = stage.variant === 'variational' ? latent * 2 : latent;
  return dense([size(input), ...hidden, code, ...[...hidden].reverse(), size(input)]);
}

function classifierNet(stage: Record<string, unknown>, input: Shape): Net {
  const head = counts(stage.dense, [128]);
  if (stage.arch === 'dense' || input.length !== 3) return dense([size(input), ...head, CLASSES]);
  const filters = counts(stage.filters, [32, 64]);
  const body = convs([input[2]!, ...filters], input[0]!, input[1]!);
  // Unpadded 3x3 convolutions, then one 2x2 pooling (Keras' mnist_cnn).
  const side = (n: number) => Math.max(1, Math.floor((n - 2 * filters.length) / 2));
  const flat = side(input[0]!) * side(input[1]!) * filters[filters.length - 1]!;
  const top = dense([flat, ...head, CLASSES]);
  return { params: body.params + top.params, activations: body.activations + top.activations };
}

export function estimateMemory(data: unknown, knownCounts: ReadonlyMap<string, number> = new Map(), datasetShapes?: ReadonlyMap<string, Shape>): MemoryEstimate {
  if (!isObject(data)) return { bytes: 0, parts: [] };
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const graph: Graph = { datasets, stages, ...(datasetShapes ? { datasetShapes } : {}) };
  const parts: MemoryPart[] = [];
  const n = new Map<string, number>();
  for (const [name, source] of Object.entries(datasets)) {
    const count = sampleCount(source, knownCounts.get(name));
    n.set(name, count);
    const shape = datasetShapes?.get(name) ?? [28, 28, 1];
    parts.push({ path: ['data', name], bytes: count * (size(shape) * FLOAT + 1), detail: `${count.toLocaleString('en-US')} images` });
  }
  for (const [name, stage] of Object.entries(stages)) {
    if (!isObject(stage)) continue;
    const flow = flowOf(graph, stage.input);
    if (!flow) continue;
    const samples = n.get(flow.dataset) ?? 0;
    const train = isObject(stage.train) ? stage.train : {};
    const batch = Math.min(isCount(train.batch_size) ? train.batch_size : 128, Math.max(1, samples));
    let outputs = 0;
    let net: Net;
    if (stage.type === 'autoencoder') {
      net = autoencoderNet(stage, flow.shape);
      outputs = samples * (size(flow.shape) + size(codeShape(stage, flow.shape) ?? [0])) * FLOAT;
    } else if (stage.type === 'classifier') {
      net = classifierNet(stage, flow.shape);
    } else continue;
    const weights = net.params * FLOAT * WEIGHT_COPIES;
    const activations = batch * net.activations * FLOAT * 2;
    parts.push({
      path: ['stages', name],
      bytes: outputs + weights + activations,
      detail: `${net.params.toLocaleString('en-US')} weights (${formatBytes(weights)} with gradients and optimizer state)${outputs ? `, outputs ${formatBytes(outputs)}` : ''}, batch activations ${formatBytes(activations)}`,
    });
  }
  return { bytes: parts.reduce((a, p) => a + p.bytes, 0), parts: parts.sort((a, b) => b.bytes - a.bytes) };
}
