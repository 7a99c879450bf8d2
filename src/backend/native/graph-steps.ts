/**
 * Training steps run as one TensorFlow graph on the native ('tensorflow') backend.
 *
 * tfjs-node runs every kernel eagerly, one TensorFlow op at a time. Keras runs a training step
 * as one graph, and TensorFlow's graph optimizers (grappler, the oneDNN layout pass) fuse and
 * reorder it: on this machine a conv AE step takes ~31 ms eagerly and ~24 ms as a graph step
 * (~20 ms of it the graph), a dense AE step (batch 128) ~8 and ~4.5 ms. tfjs has no graph mode,
 * but every op tfjs-node runs goes
 * through one binding call (executeOp) with the TensorFlow op name and attrs, and the binding
 * can load and run a graph (its SavedModel support). So:
 *
 * 1. Trace: a step runs eagerly while the binding calls are recorded: each op with its attrs
 *    and where each input came from (an earlier op, a tensor created during the step, or a
 *    tensor from outside: weights, optimizer state, the batch).
 * 2. When two consecutive steps with the same key record the same structure, it becomes a
 *    GraphDef (outside tensors and created tensors are placeholders), which is loaded once as a
 *    TensorFlow session.
 * 3. Later steps run their JavaScript as usual (tfjs' tape, gradient functions, the
 *    optimizer), but executeOp only hands out placeholder ids with the traced shapes. At the
 *    end of the step the graph runs once, fed with this step's outside and created tensors,
 *    and the tensors still alive get the graph's outputs.
 *
 * Anything unexpected (an op that differs from the trace, a value read in the middle of a
 * step, a session error) replays the recorded ops eagerly, so the step's result is the eager
 * one; a key that deviates is not traced again. Loading a graph costs about as much as 5-20
 * eager steps, so a key gets one only when at least MIN_STEPS_TO_COMPILE steps are left.
 * AELAB_GRAPH_STEPS=0 turns all of this off; =1 compiles whatever repeats.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { OpAttr } from './backend.js';

export const GRAPH_STEPS_ENV = 'AELAB_GRAPH_STEPS';

interface Meta { id: number; shape: number[]; dtype: number }

/** tfjs-node's binding, the parts used here. */
interface Binding {
  executeOp(name: string, attrs: OpAttr[], inputs: number[], numOutputs: number): Meta[];
  createTensor(shape: number[], dtype: number, values: unknown): number;
  deleteTensor(id: number): void;
  tensorDataSync(id: number): unknown;
  loadSavedModel(path: string, tags: string): number;
  runSavedModel(session: number, inputs: number[], inputNames: string, outputNames: string): Meta[];
  deleteSavedModel(session: number): void;
  TF_ATTR_STRING: number; TF_ATTR_INT: number; TF_ATTR_FLOAT: number; TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number; TF_ATTR_SHAPE: number;
}

/** tfjs-node's backend object, the parts used here (not in its public types). */
interface NodeBackend {
  binding: Binding;
  tensorMap: { get(dataId: object): { id: number } | undefined };
  getInputTensorIds(tensors: tf.TensorInfo[]): number[];
  createOutputTensor(meta: Meta): tf.TensorInfo;
}

/** Where an op input comes from, by position in the step rather than by tensor id. */
type Ref = { op: number; out: number } | { created: number } | { outside: number };

interface RecordedOp {
  name: string;
  attrs: OpAttr[];
  inputs: Ref[];
  outputs: Meta[];
  /** The op, its attrs and its inputs' places as text: what a lazy step compares. */
  text: string;
}

/** What one step did, in the order it did it. */
interface Recording {
  ops: RecordedOp[];
  /** Tensors created during the step (ids, shapes and TensorFlow dtypes). */
  created: Meta[];
  /** Tensors from outside the step, by first use. */
  outside: Meta[];
}

interface CompiledStep { session: number; recording: Recording; inputNames: string }

const FAKE_BASE = 2 ** 30;
const DTYPES: Record<string, number> = { float32: 1, int32: 3, bool: 10 };

/** A recording's structure as text: equal for two steps that can share one graph. */
function opText(name: string, attrs: OpAttr[], inputs: (Ref | null)[], outputs: number): string {
  return JSON.stringify([name, attrs, inputs, outputs]);
}

function structure(r: Recording): string {
  const ops = r.ops.map((o) => [o.text, o.outputs.map((m) => [m.shape, m.dtype])]);
  const meta = (m: Meta) => [m.shape, m.dtype];
  return JSON.stringify([ops, r.created.map(meta), r.outside.map(meta)]);
}

function refName(ref: Ref): string {
  if ('op' in ref) return `n${ref.op}:${ref.out}`;
  if ('created' in ref) return `c${ref.created}:0`;
  return `x${ref.outside}:0`;
}

type ProtoModule = Record<string, new () => Record<string, (...args: unknown[]) => unknown>> & {
  AttrValue: { new (): Record<string, (...a: unknown[]) => unknown>; ListValue: new () => Record<string, (...a: unknown[]) => unknown> };
  TensorShape: { new (): Record<string, (...a: unknown[]) => unknown>; Dim: new () => Record<string, (...a: unknown[]) => unknown> };
  MetaGraphDef: { new (): Record<string, (...a: unknown[]) => unknown>; MetaInfoDef: new () => Record<string, (...a: unknown[]) => unknown> };
};

/** The SavedModel bytes of a recording: placeholders x<i> (outside), c<j> (created), ops n<k>. */
function savedModelBytes(r: Recording, b: Binding): Uint8Array {
  // tfjs-node ships the TensorFlow protos it reads SavedModels with; they write them too.
  const pb = createRequire(import.meta.url)('@tensorflow/tfjs-node/dist/proto/api_pb.js') as ProtoModule;
  const attr = (fill: (a: Record<string, (...a: unknown[]) => unknown>) => void) => {
    const a = new pb.AttrValue();
    fill(a);
    return a;
  };
  const list = (set: string, values: unknown) => attr((a) => {
    const l = new pb.AttrValue.ListValue();
    l[set]!(values);
    a['setList']!(l);
  });
  const shape = (dims: number[]) => {
    const s = new pb.TensorShape();
    for (const d of dims) {
      const dim = new pb.TensorShape.Dim();
      dim['setSize']!(d);
      s['addDim']!(dim);
    }
    return s;
  };
  const attrValue = (a: OpAttr) => {
    const many = Array.isArray(a.value);
    switch (a.type) {
      case b.TF_ATTR_STRING: return attr((x) => x['setS']!(Buffer.from(String(a.value))));
      case b.TF_ATTR_INT: return many ? list('setIList', a.value) : attr((x) => x['setI']!(a.value));
      case b.TF_ATTR_FLOAT: return many ? list('setFList', a.value) : attr((x) => x['setF']!(a.value));
      case b.TF_ATTR_BOOL: return attr((x) => x['setB']!(Boolean(a.value)));
      case b.TF_ATTR_TYPE: return many ? list('setTypeList', a.value) : attr((x) => x['setType']!(a.value));
      case b.TF_ATTR_SHAPE: return attr((x) => x['setShape']!(shape(a.value as number[])));
      default: throw new Error(`attr ${a.name} has a type (${a.type}) graph steps cannot write`);
    }
  };
  const graph = new pb['GraphDef']!();
  const node = (name: string, op: string, inputs: string[], attrs: [string, unknown][]) => {
    const n = new pb['NodeDef']!();
    n['setName']!(name);
    n['setOp']!(op);
    for (const i of inputs) n['addInput']!(i);
    const map = n['getAttrMap']!() as Map<string, unknown>;
    for (const [k, v] of attrs) map.set(k, v);
    graph['addNode']!(n);
  };
  const placeholder = (name: string, m: Meta) => node(name, 'Placeholder', [], [
    ['dtype', attr((a) => a['setType']!(m.dtype))],
    ['shape', attr((a) => a['setShape']!(shape(m.shape)))],
  ]);
  r.outside.forEach((m, i) => placeholder(`x${i}`, m));
  r.created.forEach((m, j) => placeholder(`c${j}`, m));
  r.ops.forEach((o, k) => node(`n${k}`, o.name, o.inputs.map(refName), o.attrs.map((a) => [a.name, attrValue(a)])));
  const info = new pb.MetaGraphDef.MetaInfoDef();
  info['addTags']!('serve');
  const meta = new pb.MetaGraphDef();
  meta['setMetaInfoDef']!(info);
  meta['setGraphDef']!(graph);
  const model = new pb['SavedModel']!();
  model['setSavedModelSchemaVersion']!(1);
  model['addMetaGraphs']!(meta);
  return model['serializeBinary']!() as Uint8Array;
}

/** Loads a recording as a TensorFlow session (the SavedModel folder is removed once loaded). */
function compile(r: Recording, b: Binding): CompiledStep {
  const dir = mkdtempSync(join(os.tmpdir(), 'aelab-graph-'));
  try {
    writeFileSync(join(dir, 'saved_model.pb'), savedModelBytes(r, b));
    const session = b.loadSavedModel(dir, 'serve');
    const inputNames = [...r.outside.map((_, i) => `x${i}:0`), ...r.created.map((_, j) => `c${j}:0`)].join(',');
    return { session, recording: r, inputNames };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Sessions by step structure, shared by every training loop of the process: retraining the same
 * model on batches of the same shape (a sweep's seeds, a benchmark's rounds) reuses the graph.
 * The oldest is released beyond MAX_SESSIONS.
 */
const sessions = new Map<string, CompiledStep>();
const MAX_SESSIONS = 16;
/** Fewer steps left than this after a repeat: not worth loading a graph for. */
const MIN_STEPS_TO_COMPILE = 30;

/** Counts since the process started, for tests and the benchmark. */
export const graphStepStats = { compiled: 0, graphSteps: 0, replayed: 0 };

function cachedSession(text: string, r: Recording, b: Binding): CompiledStep {
  let s = sessions.get(text);
  if (s) {
    sessions.delete(text); // re-inserted below: the map's order is least recently used first
  } else {
    s = compile(r, b);
    graphStepStats.compiled++;
    if (sessions.size >= MAX_SESSIONS) {
      const [oldest, old] = sessions.entries().next().value as [string, CompiledStep];
      sessions.delete(oldest);
      b.deleteSavedModel(old.session);
    }
  }
  sessions.set(text, s);
  return s;
}

/**
 * Runs the training steps of one training loop through graphs. Create one per loop, with the
 * 'tensorflow' backend active.
 */
export class GraphSteps {
  private readonly real: Binding;
  /** The graph each key runs with, once its steps have been seen to repeat. */
  private readonly graphs = new Map<string, CompiledStep>();
  private readonly lastTrace = new Map<string, string>();
  private readonly givenUp = new Set<string>();

  // State of the step in progress.
  private mode: 'idle' | 'trace' | 'lazy' | 'eager' = 'idle';
  private rec: Recording = { ops: [], created: [], outside: [] };
  /** Step-local ids: op outputs (real in a trace, fake in a lazy step) and created tensors. */
  private refs = new Map<number, Ref>();
  private outsideIndex = new Map<number, number>();
  private infos = new Map<number, { shape: number[]; dtype: number }>();
  private nextFake = FAKE_BASE;
  /** Fake ids handed out in a lazy step, with the backend entry each ended up in. */
  private fakeEntries = new Map<number, object>();
  private deadFakes = new Set<number>();
  private deferredDeletes: number[] = [];
  private fakeToReal = new Map<number, number>();
  private compiled: CompiledStep | undefined;

  constructor(
    private readonly backend: NodeBackend,
    private readonly minStepsToCompile = MIN_STEPS_TO_COMPILE,
  ) {
    this.real = backend.binding;
  }

  /**
   * Graph steps for the active backend, or undefined when it is not tfjs-node or
   * AELAB_GRAPH_STEPS=0. AELAB_GRAPH_STEPS=1 compiles whatever repeats, however few steps are
   * left (the benchmark's short rounds); unset, only where enough steps are left.
   */
  static forActiveBackend(): GraphSteps | undefined {
    const setting = process.env[GRAPH_STEPS_ENV];
    if (setting === '0' || tf.getBackend() !== 'tensorflow') return undefined;
    const backend = tf.backend() as unknown as NodeBackend;
    if (typeof backend.binding?.runSavedModel !== 'function') return undefined;
    return new GraphSteps(backend, setting === '1' ? 0 : MIN_STEPS_TO_COMPILE);
  }

  /**
   * Runs `step` (which must not read tensor values) as one graph once the steps for `key` have
   * been seen to repeat; `key` must change whenever the shapes of the tensors it uses do.
   * `stepsLeft` (this one included) says whether a graph would pay for itself: loading one
   * costs about as much as 5-20 eager steps, so short trainings stay eager.
   */
  run<T>(key: string, step: () => T, stepsLeft = Infinity): T {
    if (this.mode !== 'idle') return step();
    this.compiled = this.givenUp.has(key) ? undefined : this.graphs.get(key);
    this.mode = this.givenUp.has(key) ? 'eager' : this.compiled ? 'lazy' : 'trace';
    if (this.mode === 'eager') {
      this.mode = 'idle';
      return step();
    }
    this.begin();
    let result: T;
    try {
      result = step();
    } catch (e) {
      if (this.mode === 'lazy') this.replayEagerly();
      this.end();
      this.givenUp.add(key);
      throw e;
    }
    try {
      if (this.mode === 'lazy') this.runGraph(key);
      else if (this.mode === 'trace') this.learn(key, stepsLeft - 1);
      else this.givenUp.add(key); // a step that could not be traced, or a lazy one that replayed
    } finally {
      this.end();
    }
    return result;
  }

  private begin(): void {
    this.rec = { ops: [], created: [], outside: [] };
    this.refs.clear();
    this.outsideIndex.clear();
    this.infos.clear();
    this.fakeEntries.clear();
    this.deadFakes.clear();
    this.deferredDeletes = [];
    this.fakeToReal.clear();
    const self = this;
    const real = this.real;
    // The binding's functions are read-only properties: the backend gets a copy with ours in.
    const wrapped = Object.create(null) as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(real)) wrapped[k] = (real as unknown as Record<string, unknown>)[k];
    wrapped.executeOp = (name: string, attrs: OpAttr[], inputs: number[], n: number) => self.executeOp(name, attrs, inputs, n);
    wrapped.createTensor = (shape: number[], dtype: number, values: unknown) => {
      const id = real.createTensor(shape, dtype, values);
      if (self.mode !== 'eager') {
        self.refs.set(id, { created: self.rec.created.length });
        self.rec.created.push({ id, shape: [...shape], dtype });
      }
      return id;
    };
    wrapped.deleteTensor = (id: number) => self.deleteTensor(id);
    wrapped.tensorDataSync = (id: number) => {
      if (id >= FAKE_BASE) {
        self.replayEagerly();
        return real.tensorDataSync(self.fakeToReal.get(id)!);
      }
      return real.tensorDataSync(id);
    };
    this.backend.binding = wrapped as unknown as Binding;
    // Shapes and dtypes of outside tensors, which the binding only knows by id.
    const getIds = Object.getPrototypeOf(this.backend).getInputTensorIds as NodeBackend['getInputTensorIds'];
    this.backend.getInputTensorIds = function (this: NodeBackend, tensors: tf.TensorInfo[]) {
      const ids = getIds.call(this, tensors);
      tensors.forEach((t, i) => self.infos.set(ids[i]!, { shape: [...t.shape], dtype: DTYPES[t.dtype] ?? -1 }));
      return ids;
    };
    const createOutput = Object.getPrototypeOf(this.backend).createOutputTensor as NodeBackend['createOutputTensor'];
    this.backend.createOutputTensor = function (this: NodeBackend, meta: Meta) {
      const info = createOutput.call(this, meta);
      if (meta.id >= FAKE_BASE) self.fakeEntries.set(meta.id, info.dataId);
      return info;
    };
  }

  private end(): void {
    this.backend.binding = this.real;
    // Back to the prototype's methods.
    delete (this.backend as Partial<NodeBackend>).getInputTensorIds;
    delete (this.backend as Partial<NodeBackend>).createOutputTensor;
    for (const id of this.deferredDeletes) this.real.deleteTensor(id);
    this.deferredDeletes = [];
    this.mode = 'idle';
    this.compiled = undefined;
  }

  private refOf(id: number): Ref | null {
    const known = this.refs.get(id);
    if (known) return known;
    if (id >= FAKE_BASE) return null;
    let i = this.outsideIndex.get(id);
    if (i === undefined) {
      const info = this.infos.get(id);
      if (!info || info.dtype < 0) return null;
      i = this.rec.outside.length;
      this.outsideIndex.set(id, i);
      this.rec.outside.push({ id, shape: info.shape, dtype: info.dtype });
    }
    return { outside: i };
  }

  private executeOp(name: string, attrs: OpAttr[], inputs: number[], n: number): Meta[] {
    if (this.mode === 'eager') return this.real.executeOp(name, attrs, inputs.map((id) => this.fakeToReal.get(id) ?? id), n);
    const refs = inputs.map((id) => this.refOf(id));
    const k = this.rec.ops.length;
    if (this.mode === 'trace') {
      const outputs = this.real.executeOp(name, attrs, inputs, n);
      if (refs.some((r) => r === null)) {
        this.mode = 'eager'; // an input we cannot place: this step is not traceable
        return outputs;
      }
      this.rec.ops.push({
        name, attrs, inputs: refs as Ref[], outputs: outputs.map((m) => ({ ...m, shape: [...m.shape] })), text: opText(name, attrs, refs, n),
      });
      outputs.forEach((m, out) => this.refs.set(m.id, { op: k, out }));
      return outputs;
    }
    // Lazy: the op must be the one traced at this position, fed from the same places.
    const traced = this.compiled!.recording.ops[k];
    const text = opText(name, attrs, refs, n);
    if (traced === undefined || traced.text !== text || refs.includes(null)) {
      this.replayEagerly();
      return this.real.executeOp(name, attrs, inputs.map((id) => this.fakeToReal.get(id) ?? id), n);
    }
    const outputs = traced.outputs.map((m) => ({ id: this.nextFake++, shape: [...m.shape], dtype: m.dtype }));
    this.rec.ops.push({ name, attrs, inputs: refs as Ref[], outputs, text });
    outputs.forEach((m, out) => this.refs.set(m.id, { op: k, out }));
    return outputs;
  }

  private deleteTensor(id: number): void {
    if (id >= FAKE_BASE) {
      const real = this.fakeToReal.get(id);
      if (real !== undefined) this.real.deleteTensor(real);
      else this.deadFakes.add(id);
      return;
    }
    // A lazy step's inputs must live until the graph has run.
    if (this.mode === 'lazy') this.deferredDeletes.push(id);
    else this.real.deleteTensor(id);
  }

  /** Runs the lazy step's ops so far eagerly, one by one (the way out of a lazy step). */
  private replayEagerly(): void {
    if (this.mode !== 'lazy') return;
    this.mode = 'eager';
    graphStepStats.replayed++;
    const idOf = (ref: Ref): number => {
      if ('op' in ref) return this.fakeToReal.get(this.rec.ops[ref.op]!.outputs[ref.out]!.id)!;
      if ('created' in ref) return this.rec.created[ref.created]!.id;
      return this.rec.outside[ref.outside]!.id;
    };
    for (const op of this.rec.ops) {
      const outputs = this.real.executeOp(op.name, op.attrs, op.inputs.map(idOf), op.outputs.length);
      op.outputs.forEach((fake, i) => this.fakeToReal.set(fake.id, outputs[i]!.id));
    }
    this.settleFakes();
  }

  /** Points the backend entries of fake ids at their real tensors; frees those already dropped. */
  private settleFakes(): void {
    for (const [fake, real] of this.fakeToReal) {
      if (this.deadFakes.has(fake)) {
        this.real.deleteTensor(real);
        continue;
      }
      const dataId = this.fakeEntries.get(fake);
      const entry = dataId === undefined ? undefined : this.backend.tensorMap.get(dataId);
      if (entry) entry.id = real;
    }
    this.deadFakes.clear();
  }

  private runGraph(key: string): void {
    const compiled = this.compiled!;
    if (this.rec.ops.length !== compiled.recording.ops.length || structureOfInputs(this.rec) !== structureOfInputs(compiled.recording)) {
      this.replayEagerly();
      this.givenUp.add(key);
      return;
    }
    const live: Meta[] = [];
    for (const op of this.rec.ops) for (const m of op.outputs) if (!this.deadFakes.has(m.id)) live.push(m);
    const feeds = [...this.rec.outside.map((m) => m.id), ...this.rec.created.map((m) => m.id)];
    const fetches = live.map((m) => refName(this.refs.get(m.id)!)).join(',');
    let outputs: Meta[];
    try {
      outputs = live.length === 0 ? [] : this.real.runSavedModel(compiled.session, feeds, compiled.inputNames, fetches);
    } catch {
      this.replayEagerly();
      this.givenUp.add(key);
      return;
    }
    graphStepStats.graphSteps++;
    live.forEach((m, i) => this.fakeToReal.set(m.id, outputs[i]!.id));
    this.settleFakes();
  }

  /**
   * After a traced step: the graph for this key once this step repeats the previous one (the
   * first steps differ, e.g. an optimizer creating its state), or at once when another loop
   * has already compiled this exact structure.
   */
  private learn(key: string, stepsLeft: number): void {
    const text = structure(this.rec);
    if (!sessions.has(text) && (this.lastTrace.get(key) !== text || stepsLeft < this.minStepsToCompile)) {
      this.lastTrace.set(key, text);
      return;
    }
    try {
      this.graphs.set(key, cachedSession(text, this.rec, this.real));
    } catch {
      this.givenUp.add(key);
    }
    this.lastTrace.delete(key);
  }
}

/** The shapes and dtypes a lazy step feeds, which must match the graph's placeholders. */
function structureOfInputs(r: Recording): string {
  const meta = (m: Meta) => [m.shape, m.dtype];
  return JSON.stringify([r.created.map(meta), r.outside.map(meta)]);
}
