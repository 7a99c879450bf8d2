// tfjs-node's binding and backend object, the parts graph steps use (not in its public types),
// and the one place that swaps the backend's binding for a step's interceptors and back.
import type * as tf from '@tensorflow/tfjs';
import type { OpAttr } from '../backend.js';

/** An op output or tensor as the binding describes it: its id, shape and TensorFlow dtype. */
export interface Meta {
  id: number;
  shape: number[];
  dtype: number;
}

/** tfjs-node's binding, the parts used here. */
export interface Binding {
  executeOp(name: string, attrs: OpAttr[], inputs: number[], numOutputs: number): Meta[];
  createTensor(shape: number[], dtype: number, values: unknown): number;
  deleteTensor(id: number): void;
  tensorDataSync(id: number): unknown;
  loadSavedModel(path: string, tags: string): number;
  runSavedModel(session: number, inputs: number[], inputNames: string, outputNames: string): Meta[];
  deleteSavedModel(session: number): void;
  TF_ATTR_STRING: number;
  TF_ATTR_INT: number;
  TF_ATTR_FLOAT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number;
  TF_ATTR_SHAPE: number;
}

/** tfjs-node's backend object, the parts used here. */
export interface NodeBackend {
  binding: Binding;
  tensorMap: { get(dataId: object): { id: number } | undefined };
  getInputTensorIds(tensors: tf.TensorInfo[]): number[];
  createOutputTensor(meta: Meta): tf.TensorInfo;
}

/** TensorFlow's dtype numbers for tfjs' dtypes (-1: one a graph step cannot feed). */
const DTYPES: Record<string, number> = { float32: 1, int32: 3, bool: 10 };

/** What a step sees of the binding calls while it is intercepted. */
export interface Interceptors {
  executeOp(name: string, attrs: OpAttr[], inputs: number[], n: number): Meta[];
  createTensor(shape: number[], dtype: number, values: unknown): number;
  deleteTensor(id: number): void;
  tensorDataSync(id: number): unknown;
  /** The shape and dtype of a tensor the backend passes to an op by id. */
  inputInfo(id: number, info: { shape: number[]; dtype: number }): void;
  /** The backend made an entry (dataId) for an op output. */
  outputEntry(meta: Meta, dataId: object): void;
}

/**
 * Routes the backend's binding calls through `hooks` until restoreBinding. The binding's
 * functions are read-only properties: the backend gets a copy of the binding with ours in.
 */
export function interceptBinding(backend: NodeBackend, real: Binding, hooks: Interceptors): void {
  const wrapped = Object.create(null) as Record<string, unknown>;
  for (const k of Object.getOwnPropertyNames(real)) wrapped[k] = (real as unknown as Record<string, unknown>)[k];
  wrapped.executeOp = (name: string, attrs: OpAttr[], inputs: number[], n: number) =>
    hooks.executeOp(name, attrs, inputs, n);
  wrapped.createTensor = (shape: number[], dtype: number, values: unknown) => hooks.createTensor(shape, dtype, values);
  wrapped.deleteTensor = (id: number) => hooks.deleteTensor(id);
  wrapped.tensorDataSync = (id: number) => hooks.tensorDataSync(id);
  backend.binding = wrapped as unknown as Binding;
  // Shapes and dtypes of outside tensors, which the binding only knows by id.
  const getIds = Object.getPrototypeOf(backend).getInputTensorIds as NodeBackend['getInputTensorIds'];
  backend.getInputTensorIds = function (this: NodeBackend, tensors: tf.TensorInfo[]) {
    const ids = getIds.call(this, tensors);
    tensors.forEach((t, i) => hooks.inputInfo(ids[i]!, { shape: [...t.shape], dtype: DTYPES[t.dtype] ?? -1 }));
    return ids;
  };
  const createOutput = Object.getPrototypeOf(backend).createOutputTensor as NodeBackend['createOutputTensor'];
  backend.createOutputTensor = function (this: NodeBackend, meta: Meta) {
    const info = createOutput.call(this, meta);
    hooks.outputEntry(meta, info.dataId);
    return info;
  };
}

/** Gives the backend its own binding and methods back. */
export function restoreBinding(backend: NodeBackend, real: Binding): void {
  backend.binding = real;
  // Back to the prototype's methods.
  delete (backend as Partial<NodeBackend>).getInputTensorIds;
  delete (backend as Partial<NodeBackend>).createOutputTensor;
}
