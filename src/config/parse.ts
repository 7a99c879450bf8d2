import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/format.js';

/** Aliases may expand to at most this many nodes in all: stops "billion laughs" documents. */
const MAX_ALIAS_EXPANSION = 10_000;
/** Deeper nesting than this is no experiment file; refuse it before walking it recursively. */
const MAX_DEPTH = 64;

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly data: unknown;
}

const YAML_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
  DUPLICATE_KEY: 'this key appears twice in the same map',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BAD_INDENT: 'bad indentation',
  TAG_RESOLVE_FAILED: 'custom YAML tags are not allowed',
};

/**
 * Parses YAML keeping node ranges, and turns every syntax problem, unknown tag, alias bomb or
 * absurd nesting into a located diagnostic. Never executes anything: the core schema has no
 * constructors for custom tags, and unknown tags are refused rather than resolved.
 */
export function parseYaml(source: SourceText): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', strict: true });
  const diagnostics: Diagnostic[] = [];
  const at = (pos: readonly [number, number]) => ({ file: source.file, range: { start: pos[0], end: Math.max(pos[1], pos[0] + 1) } });

  for (const problem of [...doc.errors, ...doc.warnings]) {
    const base = YAML_MESSAGES[problem.code];
    const detail = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
    const message = base ? (problem.code === 'BAD_INDENT' || problem.code === 'MISSING_CHAR' ? `YAML syntax: ${detail}` : base) : `YAML syntax: ${detail}`;
    diagnostics.push(error(message, at(problem.pos)));
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null) return { diagnostics: [error('the file is empty; an experiment needs `name`, `data` and `stages`', at([0, 0]))] };

  const tooDeep = findTooDeep(doc.contents, 0);
  if (tooDeep) return { diagnostics: [error(`the document is nested more than ${MAX_DEPTH} levels deep`, at(rangeOf(tooDeep)))] };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    return { parsed: { doc, data }, diagnostics: [] };
  } catch (e) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount.
    const alias = firstAlias(doc.contents);
    return {
      diagnostics: [error(`aliases expand too far (${(e as Error).message.split('\n')[0]})`, at(alias ? rangeOf(alias) : [0, 1]))],
    };
  }
}

export function rangeOf(node: Node): [number, number] {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 1];
}

function findTooDeep(node: unknown, depth: number): Node | undefined {
  if (depth > MAX_DEPTH) return node as Node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = findTooDeep(pair.value, depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = findTooDeep(item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function firstAlias(node: unknown): Node | undefined {
  if (isAlias(node)) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = firstAlias(pair.value);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstAlias(item);
      if (found) return found;
    }
  }
  return undefined;
}

export { isScalar };
