import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { error, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { didYouMean, listOf } from '../diagnostics/suggest.js';
import type { Edge } from '../graph/dag.js';
import { isCount, type Shape } from '../stages/definition.js';
import { parseReference } from '../stages/references.js';
import { dataSource, stageType } from '../stages/registry.js';
import { experimentFolder, resolveDataPath as resolveFromExperiment } from '../util/data-path.js';
import { has, isObject } from '../util/json.js';
import { hasCredentials, MLFLOW_CREDENTIALS_HINT } from '../util/url-credentials.js';
import { rangeAt } from './locate.js';
import { estimateMemory, formatBytes, memoryLimit, type MemoryEstimate } from './memory.js';
import { selectionDiagnostics } from './selection-checks.js';
import { flowOf, stageOutputs, type Graph } from './shapes.js';
import { stageGraph, type StageReference } from './stage-graph.js';

/** What the files of a data set say about it (see data-files.ts). */
export interface DatasetInfo {
  readonly train: number;
  readonly test: number;
  readonly shape: Shape;
}

export interface SemanticContext {
  readonly doc: Document;
  readonly file: string;
  /** Relative paths in the file may not resolve outside this folder. */
  readonly projectDir: string;
  /** Data sets whose files were found, by name. */
  readonly datasets?: ReadonlyMap<string, DatasetInfo>;
  /** Refuse experiments whose estimated memory is above this many bytes. */
  readonly memoryLimit?: number;
}

type At = (p: readonly (string | number)[], target?: 'key' | 'value') => Location;

/**
 * Checks the schema cannot express: references between stages, cycles, sizes that do not fit the
 * data or the machine, paths that leave the project. Works on the defaulted data even when the
 * schema found errors, skipping whatever is not of the expected shape, so that every mistake is
 * reported at once.
 */
export function semanticDiagnostics(data: unknown, ctx: SemanticContext): Diagnostic[] {
  if (!isObject(data)) return [];
  const at: At = (p, target = 'value') => ({ file: ctx.file, range: rangeAt(ctx.doc, p, target) });
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const graph: Graph = {
    datasets,
    stages,
    datasetShapes: new Map([...(ctx.datasets ?? new Map<string, DatasetInfo>())].map(([k, v]) => [k, v.shape])),
  };
  return [
    ...referenceChecks(datasets, stages, at),
    ...sizeChecks(datasets, ctx, at),
    ...pathChecks(datasets, ctx, at),
    ...shapeChecks(graph, at),
    ...memoryChecks(data, ctx, at),
    ...selectionDiagnostics(
      data,
      graph,
      at,
      new Map([...(ctx.datasets ?? new Map<string, DatasetInfo>())].map(([k, v]) => [k, v.train])),
    ),
    ...trackingChecks(data, at),
  ];
}

/** The tracking URI is stored with every run: credentials in it would be too. */
function trackingChecks(data: Record<string, unknown>, at: At): Diagnostic[] {
  const mlflow = isObject(data.tracking) && isObject(data.tracking.mlflow) ? data.tracking.mlflow : {};
  if (typeof mlflow.uri !== 'string' || !hasCredentials(mlflow.uri)) return [];
  return [
    error('`tracking.mlflow.uri` holds credentials (user:password@)', at(['tracking', 'mlflow', 'uri']), {
      hint: MLFLOW_CREDENTIALS_HINT,
    }),
  ];
}

/** Each `input:` names a data set, or an image output of another stage; and no cycles. */
function referenceChecks(datasets: Record<string, unknown>, stages: Record<string, unknown>, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(stages)) {
    if (has(datasets, name))
      out.push(
        error(
          `\`${name}\` names both a data set and a stage; references to it would be ambiguous`,
          at(['stages', name], 'key'),
        ),
      );
  }
  const allReferences = [
    ...Object.keys(datasets),
    ...Object.entries(stages).flatMap(([s, c]) => Object.keys(stageOutputs(c)).map((o) => `${s}.${o}`)),
  ];
  // Only references that check out become edges: a wrong one is reported as itself, not also as a cycle.
  const graph = stageGraph({ data: datasets, stages }, ({ text, key, kind, stage }) => {
    const edge = checkReference(text, key, kind, stage, datasets, stages, allReferences, at(['stages', stage, key]));
    if (edge.diagnostic) out.push(edge.diagnostic);
    return edge.from !== undefined;
  });
  if (!graph.order.ok) out.push(cycleDiagnostic(graph.order.cycle, at));
  return out;
}

/** One reference: what it names must exist and be of the kind the key needs. Returns the DAG edge it makes. */
function checkReference(
  text: string,
  key: string,
  kind: 'images' | 'model',
  name: string,
  datasets: Record<string, unknown>,
  stages: Record<string, unknown>,
  allReferences: string[],
  where: Location,
): { from?: string; diagnostic?: Diagnostic } {
  const ref = parseReference(text);
  const needs = kind === 'images' ? 'labelled images' : 'a trained model (`<stage>.model`)';
  if (has(datasets, ref.node)) {
    if (ref.output !== undefined)
      return { diagnostic: error(`data set \`${ref.node}\` has no outputs; refer to it as \`${ref.node}\``, where) };
    if (kind === 'model')
      return { diagnostic: error(`\`${text}\` is a data set, but \`${key}\` needs ${needs}`, where) };
    // a stage named like a data set is reported on its own
    return ref.node !== name ? { from: ref.node } : {};
  }
  const source = has(stages, ref.node) ? stages[ref.node] : undefined;
  if (isObject(source) && !Object.keys(stageOutputs(source)).length) return {}; // its `type` is wrong, and reported
  if (!isObject(source)) {
    const hint =
      didYouMean(text, allReferences) ??
      (ref.output !== undefined ? didYouMean(ref.node, Object.keys(stages)) : undefined);
    return {
      diagnostic: error(`\`${text}\` is neither a data set nor a stage output`, where, {
        hint: hint ?? `known: ${listOf(allReferences)}`,
      }),
    };
  }
  if (ref.node === name) return { diagnostic: error(`stage \`${name}\` reads its own output`, where) };
  const outputs = stageOutputs(source);
  const fitting = Object.keys(outputs).filter((o) => outputs[o] === kind);
  if (ref.output === undefined) {
    return {
      diagnostic: error(`\`${ref.node}\` is a stage; name one of its outputs`, where, {
        hint: fitting.length
          ? `e.g. ${listOf(fitting.map((o) => `${ref.node}.${o}`))}`
          : `stage \`${ref.node}\` has no output that \`${key}\` can read`,
      }),
    };
  }
  if (!has(outputs, ref.output)) {
    const hint = didYouMean(ref.output, Object.keys(outputs));
    return {
      diagnostic: error(
        `stage \`${ref.node}\` (${String(source.type)}) has no output \`${ref.output}\`; it has ${listOf(Object.keys(outputs), 'and')}`,
        where,
        hint ? { hint } : {},
      ),
    };
  }
  if (outputs[ref.output] !== kind) {
    const what = outputs[ref.output] === 'model' ? 'a trained model' : 'images';
    return {
      diagnostic: error(
        `\`${text}\` is ${what}, but \`${key}\` needs ${needs}`,
        where,
        fitting.length ? { hint: `did you mean ${listOf(fitting.map((o) => `${ref.node}.${o}`))}?` } : {},
      ),
    };
  }
  const unavailable = stageType(source.type)?.unavailable?.(ref.node, source, ref.output, stages);
  if (unavailable) return { diagnostic: error(unavailable, where) };
  return { from: ref.node };
}

/**
 * A cycle told from the reference written first in the file: "`a` reads `c`, which reads `b`,
 * which reads `a`", with a note at each of the other references that close it.
 */
function cycleDiagnostic(edges: readonly Edge<StageReference>[], at: At): Diagnostic {
  const cycle = edges.map((e) => ({ from: e.from, to: e.to, data: at(['stages', e.data.stage, e.data.key]) }));
  const byPosition = [...cycle].sort((x, y) => x.data.range.start - y.data.range.start);
  const first = byPosition[0]!;
  const readBy = new Map(cycle.map((e) => [e.to, e]));
  const names = [first.to];
  for (let node = first.from; node !== first.to; node = readBy.get(node)!.from) names.push(node);
  const story = names.map((n, i) => (i === 0 ? `\`${n}\` reads` : `\`${n}\`, which reads`)).join(' ');
  return error(`the stages form a cycle: ${story} \`${first.to}\``, first.data, {
    hint: 'a stage can only read data sets and stages that do not depend on it',
    related: byPosition.slice(1).map((e) => ({ message: `\`${e.to}\` reads \`${e.from}\` here`, location: e.data })),
  });
}

/** Sample counts the data set cannot provide. */
function sizeChecks(datasets: Record<string, unknown>, ctx: SemanticContext, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, source] of Object.entries(datasets)) {
    if (!isObject(source)) continue;
    for (const problem of dataSource(source.source)?.check?.(source, name) ?? []) {
      out.push(
        error(
          problem.message,
          at(['data', name, problem.key]),
          problem.hint !== undefined ? { hint: problem.hint } : {},
        ),
      );
    }
    const info = ctx.datasets?.get(name);
    if (!info) continue;
    for (const split of ['train', 'test'] as const) {
      const wanted = source[split];
      if (isCount(wanted) && wanted > info[split]) {
        out.push(
          error(
            `data set \`${name}\` asks for ${wanted} ${split === 'train' ? 'training' : 'test'} images, but its files hold ${info[split]}`,
            at(['data', name, split]),
          ),
        );
      }
    }
  }
  return out;
}

/** Relative paths stay inside the project; absolute paths are taken as meant. */
function pathChecks(datasets: Record<string, unknown>, ctx: SemanticContext, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, source] of Object.entries(datasets)) {
    if (!isObject(source) || typeof source.path !== 'string' || path.isAbsolute(source.path)) continue;
    if (!insideProject(ctx, source.path)) {
      out.push(
        error(`\`${source.path}\` leads outside the project folder`, at(['data', name, 'path']), {
          hint: 'write an absolute path if that is what you mean',
        }),
      );
    }
  }
  return out;
}

export function resolveDataPath(file: string, p: string): string {
  return resolveFromExperiment(experimentFolder(file), p);
}

/**
 * Whether a relative data path stays in the project, symlinks followed: `data -> /elsewhere` inside
 * the project leads outside it as surely as `../elsewhere` does.
 */
export function insideProject(ctx: Pick<SemanticContext, 'file' | 'projectDir'>, p: string): boolean {
  const rel = path.relative(
    realpathOfExisting(path.resolve(ctx.projectDir)),
    realpathOfExisting(resolveDataPath(ctx.file, p)),
  );
  return !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}

/** The real path of `p`, or of its deepest existing ancestor with the rest appended (a path may not exist yet). */
function realpathOfExisting(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realpathOfExisting(parent), path.basename(p));
  }
}

/** Checks of a stage against the shape of what it reads: each stage type knows its own. */
function shapeChecks(graph: Graph, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, stage] of Object.entries(graph.stages)) {
    if (!isObject(stage)) continue;
    for (const c of stageType(stage.type)?.check?.(stage, flowOf(graph, stage.input)) ?? []) {
      out.push(
        (c.severity === 'error' ? error : warning)(
          c.message,
          at(['stages', name, c.key], c.target),
          c.hint !== undefined ? { hint: c.hint } : {},
        ),
      );
    }
  }
  return out;
}

/** The memory estimate, with what the data files said about their sizes. */
export function estimateInContext(data: unknown, ctx: Pick<SemanticContext, 'datasets'>): MemoryEstimate {
  const known = [...(ctx.datasets ?? new Map<string, DatasetInfo>())];
  return estimateMemory(
    data,
    new Map(known.map(([k, v]) => [k, v.train + v.test])),
    new Map(known.map(([k, v]) => [k, v.shape])),
  );
}

/** Refuses experiments that cannot fit in memory, with the estimate and its largest parts. */
function memoryChecks(data: Record<string, unknown>, ctx: SemanticContext, at: At): Diagnostic[] {
  const limit = ctx.memoryLimit ?? memoryLimit();
  const estimate = estimateInContext(data, ctx);
  if (estimate.bytes <= limit) return [];
  const top = estimate.parts[0]!;
  const what = top.path[0] === 'data' ? 'data set' : 'stage';
  return [
    error(
      `this experiment needs about ${formatBytes(estimate.bytes)} of memory, more than the limit of ${formatBytes(limit)}`,
      at(top.path, 'key'),
      {
        hint: `the largest part is ${what} \`${top.path[1]}\`: ${top.detail}; make it smaller (or set AELAB_MEMORY_LIMIT_GIB)`,
      },
    ),
  ];
}
