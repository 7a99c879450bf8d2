import path from 'node:path';
import type { Document } from 'yaml';
import { error, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { didYouMean, listOf } from '../diagnostics/suggest.js';
import { Dag } from '../graph/dag.js';
import { rangeAt } from './locate.js';
import { parseReference, STAGE_OUTPUTS } from './references.js';

const MNIST_EMBEDDED_COUNT = 10_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SemanticContext {
  readonly doc: Document;
  readonly file: string;
  /** Relative paths in the file may not resolve outside this folder. */
  readonly projectDir: string;
}

/**
 * Checks the schema cannot express: references between stages, cycles, sizes that do not fit the
 * data, paths that leave the project. Works on the defaulted data even when the schema found
 * errors, skipping whatever is not of the expected shape, so that every mistake is reported at once.
 */
export function semanticDiagnostics(data: unknown, ctx: SemanticContext): Diagnostic[] {
  if (!isObject(data)) return [];
  const out: Diagnostic[] = [];
  const at = (p: (string | number)[], target: 'key' | 'value' = 'value'): Location => ({ file: ctx.file, range: rangeAt(ctx.doc, p, target) });
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};

  for (const name of Object.keys(stages)) {
    if (name in datasets) out.push(error(`\`${name}\` names both a data set and a stage; references to it would be ambiguous`, at(['stages', name], 'key')));
  }

  // References: each `input:` names a data set, or an output of a stage of the right kind.
  const dag = new Dag<Location>();
  for (const name of Object.keys(datasets)) dag.addNode(name);
  for (const [name, stage] of Object.entries(stages)) {
    dag.addNode(name);
    if (!isObject(stage) || typeof stage.input !== 'string') continue;
    const ref = parseReference(stage.input);
    const where = at(['stages', name, 'input']);
    const allReferences = [
      ...Object.keys(datasets),
      ...Object.entries(stages).flatMap(([s, c]) => Object.keys(STAGE_OUTPUTS[String(isObject(c) ? c.type : '')] ?? {}).map((o) => `${s}.${o}`)),
    ];
    if (ref.node in datasets) {
      if (ref.output !== undefined) out.push(error(`data set \`${ref.node}\` has no outputs; refer to it as \`${ref.node}\``, where));
      else dag.addEdge(ref.node, name, where);
      continue;
    }
    const source = stages[ref.node];
    if (!isObject(source)) {
      const hint = didYouMean(stage.input, allReferences);
      out.push(error(`\`${stage.input}\` is neither a data set nor a stage output`, where, { hint: hint ?? `known: ${listOf(allReferences)}` }));
      continue;
    }
    const outputs = STAGE_OUTPUTS[String(source.type)] ?? {};
    const imageOutputs = Object.keys(outputs).filter((o) => outputs[o] === 'images');
    if (ref.output === undefined) {
      out.push(error(`\`${ref.node}\` is a stage; name one of its outputs`, where, { hint: imageOutputs.length ? `e.g. ${listOf(imageOutputs.map((o) => `${ref.node}.${o}`))}` : `stage \`${ref.node}\` has no image output` }));
      continue;
    }
    if (!(ref.output in outputs)) {
      const hint = didYouMean(ref.output, Object.keys(outputs));
      out.push(error(`stage \`${ref.node}\` (${String(source.type)}) has no output \`${ref.output}\`; it has ${listOf(Object.keys(outputs), 'and')}`, where, hint ? { hint } : {}));
      continue;
    }
    if (outputs[ref.output] !== 'images') {
      out.push(error(`\`${stage.input}\` is a trained model, but \`input\` needs labelled images`, where, imageOutputs.length ? { hint: `did you mean ${listOf(imageOutputs.map((o) => `${ref.node}.${o}`))}?` } : {}));
    }
    dag.addEdge(ref.node, name, where);
  }
  const order = dag.topologicalOrder();
  if (!order.ok) {
    const names = order.cycle.map((e) => e.to);
    out.push(
      error(`the stages form a cycle: ${[...names, names[0]].join(' -> ')}`, order.cycle[0]!.data, {
        related: order.cycle.map((e) => ({ message: `\`${e.to}\` reads \`${e.from}\` here`, location: e.data })),
      }),
    );
  }

  // Sizes the data set cannot provide.
  for (const [name, source] of Object.entries(datasets)) {
    if (!isObject(source) || source.source !== 'mnist') continue;
    const train = Number(source.train);
    const test = Number(source.test);
    if (train + test > MNIST_EMBEDDED_COUNT) {
      out.push(error(`data set \`${name}\` asks for ${train} + ${test} = ${train + test} images; the embedded MNIST digits are ${MNIST_EMBEDDED_COUNT}`, at(['data', name, 'train'])));
    }
  }

  // Relative paths stay inside the project; absolute paths are taken as meant.
  for (const [name, source] of Object.entries(datasets)) {
    if (!isObject(source) || typeof source.path !== 'string' || path.isAbsolute(source.path)) continue;
    const resolved = path.resolve(path.dirname(path.resolve(ctx.file)), source.path);
    const rel = path.relative(path.resolve(ctx.projectDir), resolved);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      out.push(error(`\`${source.path}\` leads outside the project folder; write an absolute path if that is what you mean`, at(['data', name, 'path'])));
    }
  }

  out.push(...variantChecks(stages, datasets, at));
  return out;
}

/** Checks of a stage against the shape of what it reads. */
function variantChecks(stages: Json, datasets: Json, at: (p: (string | number)[], target?: 'key' | 'value') => Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  const flatInput = (input: unknown): boolean => {
    if (typeof input !== 'string') return false;
    const ref = parseReference(input);
    if (ref.node in datasets || ref.output !== 'codes') return false;
    const source = stages[ref.node];
    return isObject(source) && source.type === 'autoencoder' && source.variant !== 'convolutional';
  };
  const inputSize = (input: unknown): number | undefined => {
    if (typeof input !== 'string') return undefined;
    const ref = parseReference(input);
    if (ref.node in datasets) return 28 * 28;
    const source = stages[ref.node];
    if (!isObject(source) || source.type !== 'autoencoder') return undefined;
    if (ref.output === 'reconstructions') return inputSize(source.input);
    return source.variant === 'convolutional' ? undefined : Number(source.latent);
  };

  for (const [name, stage] of Object.entries(stages)) {
    if (!isObject(stage)) continue;
    if (stage.type === 'autoencoder') {
      if (stage.variant === 'convolutional' && flatInput(stage.input)) {
        out.push(error(`a convolutional autoencoder needs images, but \`${String(stage.input)}\` are flat code vectors`, at(['stages', name, 'input']), { hint: 'use a dense variant, or feed it a data set or reconstructions' }));
      }
      const size = inputSize(stage.input);
      if ((stage.variant === 'undercomplete' || stage.variant === undefined) && size !== undefined && Number(stage.latent) >= size) {
        out.push(warning(`latent size ${String(stage.latent)} is not smaller than the input (${size} values): an undercomplete autoencoder can learn the identity`, at(['stages', name, 'latent'])));
      }
      const variantOnly: Record<string, string> = { noise: 'denoising', sparsity: 'sparse', contractive_weight: 'contractive', kl_weight: 'variational', filters: 'convolutional' };
      for (const [key, variant] of Object.entries(variantOnly)) {
        if (key in stage && stage.variant !== variant) {
          out.push(warning(`\`${key}\` only applies to the \`${variant}\` variant; this stage is \`${String(stage.variant)}\``, at(['stages', name, key], 'key')));
        }
      }
    }
    if (stage.type === 'classifier' && stage.arch === 'cnn' && flatInput(stage.input)) {
      out.push(error(`a CNN needs images, but \`${String(stage.input)}\` are flat code vectors`, at(['stages', name, 'input']), { hint: 'set `arch: dense` for codes of a dense autoencoder, or use a convolutional autoencoder' }));
    }
  }
  return out;
}
