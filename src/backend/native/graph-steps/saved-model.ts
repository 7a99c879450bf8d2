// A recording written as a SavedModel (one GraphDef, tag "serve"), the form tfjs-node's binding
// can load as a TensorFlow session.
import { createRequire } from 'node:module';
import type { OpAttr } from '../backend.js';
import type { Binding, Meta } from './binding.js';
import { refName, type Recording } from './recording.js';

type ProtoModule = Record<string, new () => Record<string, (...args: unknown[]) => unknown>> & {
  AttrValue: {
    new (): Record<string, (...a: unknown[]) => unknown>;
    ListValue: new () => Record<string, (...a: unknown[]) => unknown>;
  };
  TensorShape: {
    new (): Record<string, (...a: unknown[]) => unknown>;
    Dim: new () => Record<string, (...a: unknown[]) => unknown>;
  };
  MetaGraphDef: {
    new (): Record<string, (...a: unknown[]) => unknown>;
    MetaInfoDef: new () => Record<string, (...a: unknown[]) => unknown>;
  };
};

/** The SavedModel bytes of a recording: placeholders x<i> (outside), c<j> (created), ops n<k>. */
export function savedModelBytes(r: Recording, b: Binding): Uint8Array {
  // tfjs-node ships the TensorFlow protos it reads SavedModels with; they write them too.
  const pb = createRequire(import.meta.url)('@tensorflow/tfjs-node/dist/proto/api_pb.js') as ProtoModule;
  const attr = (fill: (a: Record<string, (...a: unknown[]) => unknown>) => void) => {
    const a = new pb.AttrValue();
    fill(a);
    return a;
  };
  const list = (set: string, values: unknown) =>
    attr((a) => {
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
      case b.TF_ATTR_STRING:
        return attr((x) => x['setS']!(Buffer.from(String(a.value))));
      case b.TF_ATTR_INT:
        return many ? list('setIList', a.value) : attr((x) => x['setI']!(a.value));
      case b.TF_ATTR_FLOAT:
        return many ? list('setFList', a.value) : attr((x) => x['setF']!(a.value));
      case b.TF_ATTR_BOOL:
        return attr((x) => x['setB']!(Boolean(a.value)));
      case b.TF_ATTR_TYPE:
        return many ? list('setTypeList', a.value) : attr((x) => x['setType']!(a.value));
      case b.TF_ATTR_SHAPE:
        return attr((x) => x['setShape']!(shape(a.value as number[])));
      default:
        throw new Error(`attr ${a.name} has a type (${a.type}) graph steps cannot write`);
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
  const placeholder = (name: string, m: Meta) =>
    node(
      name,
      'Placeholder',
      [],
      [
        ['dtype', attr((a) => a['setType']!(m.dtype))],
        ['shape', attr((a) => a['setShape']!(shape(m.shape)))],
      ],
    );
  r.outside.forEach((m, i) => placeholder(`x${i}`, m));
  r.created.forEach((m, j) => placeholder(`c${j}`, m));
  r.ops.forEach((o, k) =>
    node(
      `n${k}`,
      o.name,
      o.inputs.map(refName),
      o.attrs.map((a) => [a.name, attrValue(a)]),
    ),
  );
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
