/**
 * Training steps run as one TensorFlow graph on the native ('tensorflow') backend.
 *
 * tfjs-node runs every kernel eagerly, one TensorFlow op at a time. Keras runs a training step
 * as one graph, and TensorFlow's graph optimizers (grappler, the oneDNN layout pass) fuse and
 * reorder it (docs/performance.md, item 7, has what that buys). tfjs has no graph mode, but
 * every op tfjs-node runs goes through one binding call (executeOp) with the TensorFlow op name
 * and attrs, and the binding can load and run a graph (its SavedModel support). So:
 *
 * 1. Trace: a step runs eagerly while the binding calls are recorded (recording.ts): each op
 *    with its attrs and where each input came from (an earlier op, a tensor created during the
 *    step, or a tensor from outside: weights, optimizer state, the batch).
 * 2. When two consecutive steps with the same key record the same structure (policy.ts), it
 *    becomes a GraphDef (saved-model.ts: outside tensors and created tensors are placeholders),
 *    which is loaded once as a TensorFlow session (sessions.ts).
 * 3. Later steps run their JavaScript as usual (tfjs' tape, gradient functions, the
 *    optimizer), but executeOp only hands out placeholder ids with the traced shapes. At the
 *    end of the step the graph runs once, fed with this step's outside and created tensors,
 *    and the tensors still alive get the graph's outputs.
 *
 * Anything unexpected (an op that differs from the trace, a value read in the middle of a
 * step, a session error) replays the recorded ops eagerly, so the step's result is the eager
 * one; a key that deviates is not traced again. AELAB_GRAPH_STEPS=0 turns all of this off; =1
 * compiles whatever repeats.
 */
import * as tf from '@tensorflow/tfjs';
import type { OpAttr } from '../backend.js';
import { interceptBinding, restoreBinding, type Binding, type Meta, type NodeBackend } from './binding.js';
import { minStepsToCompile, MIN_STEPS_TO_COMPILE, shouldCompile } from './policy.js';
import { FAKE_BASE, opText, refName, StepRecorder, structure, structureOfInputs, type Ref } from './recording.js';
import { cachedSession, hasSession, type CompiledStep } from './sessions.js';
import { graphStepStats } from './stats.js';

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
  private readonly recorder = new StepRecorder();
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
    const minSteps = minStepsToCompile();
    if (minSteps === undefined || tf.getBackend() !== 'tensorflow') return undefined;
    const backend = tf.backend() as unknown as NodeBackend;
    if (typeof backend.binding?.runSavedModel !== 'function') return undefined;
    return new GraphSteps(backend, minSteps);
  }

  /**
   * Runs `step` (which must not read tensor values) as one graph once the steps for `key` have
   * been seen to repeat; `key` must change whenever the shapes of the tensors it uses do.
   * `stepsLeft` (this one included) says whether a graph would pay for itself (policy.ts), so
   * short trainings stay eager.
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
    this.recorder.reset();
    this.fakeEntries.clear();
    this.deadFakes.clear();
    this.deferredDeletes = [];
    this.fakeToReal.clear();
    const real = this.real;
    interceptBinding(this.backend, real, {
      executeOp: (name, attrs, inputs, n) => this.executeOp(name, attrs, inputs, n),
      createTensor: (shape, dtype, values) => {
        const id = real.createTensor(shape, dtype, values);
        if (this.mode !== 'eager') this.recorder.noteCreated(id, shape, dtype);
        return id;
      },
      deleteTensor: (id) => this.deleteTensor(id),
      tensorDataSync: (id) => {
        if (id >= FAKE_BASE) {
          this.replayEagerly();
          return real.tensorDataSync(this.fakeToReal.get(id)!);
        }
        return real.tensorDataSync(id);
      },
      inputInfo: (id, info) => this.recorder.noteInfo(id, info),
      outputEntry: (meta, dataId) => {
        if (meta.id >= FAKE_BASE) this.fakeEntries.set(meta.id, dataId);
      },
    });
  }

  private end(): void {
    restoreBinding(this.backend, this.real);
    for (const id of this.deferredDeletes) this.real.deleteTensor(id);
    this.deferredDeletes = [];
    this.mode = 'idle';
    this.compiled = undefined;
  }

  private executeOp(name: string, attrs: OpAttr[], inputs: number[], n: number): Meta[] {
    if (this.mode === 'eager')
      return this.real.executeOp(
        name,
        attrs,
        inputs.map((id) => this.fakeToReal.get(id) ?? id),
        n,
      );
    const refs = inputs.map((id) => this.recorder.refOf(id));
    if (this.mode === 'trace') {
      const outputs = this.real.executeOp(name, attrs, inputs, n);
      if (refs.some((r) => r === null)) {
        this.mode = 'eager'; // an input we cannot place: this step is not traceable
        return outputs;
      }
      this.recorder.push({
        name,
        attrs,
        inputs: refs as Ref[],
        outputs: outputs.map((m) => ({ ...m, shape: [...m.shape] })),
        text: opText(name, attrs, refs, n),
      });
      return outputs;
    }
    // Lazy: the op must be the one traced at this position, fed from the same places.
    const traced = this.compiled!.recording.ops[this.recorder.recording.ops.length];
    const text = opText(name, attrs, refs, n);
    if (traced === undefined || traced.text !== text || refs.includes(null)) {
      this.replayEagerly();
      return this.real.executeOp(
        name,
        attrs,
        inputs.map((id) => this.fakeToReal.get(id) ?? id),
        n,
      );
    }
    const outputs = traced.outputs.map((m) => ({ id: this.nextFake++, shape: [...m.shape], dtype: m.dtype }));
    this.recorder.push({ name, attrs, inputs: refs as Ref[], outputs, text });
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
    const rec = this.recorder.recording;
    const idOf = (ref: Ref): number => {
      if ('op' in ref) return this.fakeToReal.get(rec.ops[ref.op]!.outputs[ref.out]!.id)!;
      if ('created' in ref) return rec.created[ref.created]!.id;
      return rec.outside[ref.outside]!.id;
    };
    for (const op of rec.ops) {
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

  /** The end of a lazy step: the graph runs once and the live fake ids get its outputs. */
  private runGraph(key: string): void {
    const compiled = this.compiled!;
    const rec = this.recorder.recording;
    if (
      rec.ops.length !== compiled.recording.ops.length ||
      structureOfInputs(rec) !== structureOfInputs(compiled.recording)
    ) {
      this.replayEagerly();
      this.givenUp.add(key);
      return;
    }
    const live: Meta[] = [];
    for (const op of rec.ops) for (const m of op.outputs) if (!this.deadFakes.has(m.id)) live.push(m);
    const feeds = [...rec.outside.map((m) => m.id), ...rec.created.map((m) => m.id)];
    const fetches = live.map((m) => refName(this.recorder.refs.get(m.id)!)).join(',');
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

  /** After a traced step: the graph for this key, if policy.ts says it is time for one. */
  private learn(key: string, stepsLeft: number): void {
    const text = structure(this.recorder.recording);
    if (!shouldCompile(hasSession(text), this.lastTrace.get(key) === text, stepsLeft, this.minStepsToCompile)) {
      this.lastTrace.set(key, text);
      return;
    }
    try {
      this.graphs.set(key, cachedSession(text, this.recorder.recording, this.real));
    } catch {
      this.givenUp.add(key);
    }
    this.lastTrace.delete(key);
  }
}
