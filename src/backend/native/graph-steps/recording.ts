// What one training step did at the binding's level, by position in the step rather than by
// tensor id, so that two steps can be compared and a recording written as a graph.
import type { OpAttr } from '../backend.js';
import type { Meta } from './binding.js';

/** Where an op input comes from: an earlier op's output, a tensor created in the step, or one from outside. */
export type Ref = { op: number; out: number } | { created: number } | { outside: number };

export interface RecordedOp {
  name: string;
  attrs: OpAttr[];
  inputs: Ref[];
  outputs: Meta[];
  /** The op, its attrs and its inputs' places as text: what a lazy step compares. */
  text: string;
}

/** What one step did, in the order it did it. */
export interface Recording {
  ops: RecordedOp[];
  /** Tensors created during the step (ids, shapes and TensorFlow dtypes). */
  created: Meta[];
  /** Tensors from outside the step, by first use. */
  outside: Meta[];
}

export function emptyRecording(): Recording {
  return { ops: [], created: [], outside: [] };
}

/** One op's structure as text: equal for two steps that can share one graph. */
export function opText(name: string, attrs: OpAttr[], inputs: (Ref | null)[], outputs: number): string {
  return JSON.stringify([name, attrs, inputs, outputs]);
}

const meta = (m: Meta) => [m.shape, m.dtype];

/** A recording's structure as text: equal for two steps that can share one graph. */
export function structure(r: Recording): string {
  const ops = r.ops.map((o) => [o.text, o.outputs.map(meta)]);
  return JSON.stringify([ops, r.created.map(meta), r.outside.map(meta)]);
}

/** The shapes and dtypes a lazy step feeds, which must match the graph's placeholders. */
export function structureOfInputs(r: Recording): string {
  return JSON.stringify([r.created.map(meta), r.outside.map(meta)]);
}

/** The graph's name for a place: placeholders x<i> (outside), c<j> (created), op outputs n<k>:<out>. */
export function refName(ref: Ref): string {
  if ('op' in ref) return `n${ref.op}:${ref.out}`;
  if ('created' in ref) return `c${ref.created}:0`;
  return `x${ref.outside}:0`;
}

/** Ids from here on are placeholders a lazy step hands out, never the binding's own. */
export const FAKE_BASE = 2 ** 30;

/** Records a step as it runs: each op, and where each of its inputs came from. */
export class StepRecorder {
  recording: Recording = emptyRecording();
  /** Step-local ids: op outputs (real in a trace, fake in a lazy step) and created tensors. */
  readonly refs = new Map<number, Ref>();
  private readonly outsideIndex = new Map<number, number>();
  private readonly infos = new Map<number, { shape: number[]; dtype: number }>();

  /** Starts a new step. */
  reset(): void {
    this.recording = emptyRecording();
    this.refs.clear();
    this.outsideIndex.clear();
    this.infos.clear();
  }

  /** The shape and dtype of a tensor the backend passed by id (to place it if it is from outside). */
  noteInfo(id: number, info: { shape: number[]; dtype: number }): void {
    this.infos.set(id, info);
  }

  /** A tensor created during the step. */
  noteCreated(id: number, shape: number[], dtype: number): void {
    this.refs.set(id, { created: this.recording.created.length });
    this.recording.created.push({ id, shape: [...shape], dtype });
  }

  /** Where the tensor `id` comes from; null when it cannot be placed (the step is not traceable). */
  refOf(id: number): Ref | null {
    const known = this.refs.get(id);
    if (known) return known;
    if (id >= FAKE_BASE) return null;
    let i = this.outsideIndex.get(id);
    if (i === undefined) {
      const info = this.infos.get(id);
      if (!info || info.dtype < 0) return null;
      i = this.recording.outside.length;
      this.outsideIndex.set(id, i);
      this.recording.outside.push({ id, shape: info.shape, dtype: info.dtype });
    }
    return { outside: i };
  }

  /** Appends an op whose inputs are all placed; its outputs become places for later ops. */
  push(op: RecordedOp): void {
    const k = this.recording.ops.length;
    this.recording.ops.push(op);
    op.outputs.forEach((m, out) => this.refs.set(m.id, { op: k, out }));
  }
}
