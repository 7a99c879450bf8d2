import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type CST, type Document, type Node } from 'yaml';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/format.js';

/** Aliases may expand to at most this many nodes in all: stops "billion laughs" documents. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** Deeper nesting than this is no experiment file (the deepest real setting is ~8 levels down). */
export const MAX_DEPTH = 64;
/** A file this broken has nothing more to teach: stop listing syntax errors after this many. */
const MAX_SYNTAX_ERRORS = 20;

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly data: unknown;
}

type Range2 = readonly [number, number];

/**
 * Parses YAML keeping node ranges, and turns every syntax problem, unknown tag, alias bomb or
 * absurd nesting into a located diagnostic. Never executes anything: the core schema has no
 * constructors for custom tags, and unknown tags are refused rather than resolved.
 *
 * yaml's lexer and parser are iterative, but its composer and toJS recurse once per level of
 * nesting; so the concrete syntax tree is measured (iteratively) before anything recursive
 * touches it, and 10,000 nested `[` is a located error rather than a stack overflow.
 */
export function parseYaml(source: SourceText): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const { text, file } = source;
  const at = (pos: Range2) => ({ file, range: { start: pos[0], end: Math.max(pos[1], pos[0] + 1) } });

  // Flow nesting is counted on the raw text first (cheap); block nesting needs the parser's tree.
  const flow = scanFlow(text, text.length, MAX_DEPTH - 1);
  const tokens = flow.tooDeep === undefined ? [...new Parser().parse(text)] : [];
  const tooDeep = flow.tooDeep ?? firstTooDeep(tokens);
  if (tooDeep !== undefined) {
    return {
      diagnostics: [
        error(
          `the document is nested more than ${MAX_DEPTH} levels deep; no experiment needs that`,
          at([tooDeep, tooDeep + 1]),
        ),
      ],
    };
  }

  // `merge: true` lets people share settings between stages with `<<: *defaults`. Duplicate keys
  // are found by duplicateKeys below: yaml's own check (uniqueKeys) compares each key with every
  // earlier one of its map, quadratic in the keys of a map.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, schema: 'core', strict: true, merge: true });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0] as Document.Parsed;
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const problems: Problem[] = [...doc.errors, ...doc.warnings, ...duplicateKeys(doc.contents)].sort(
    (a, b) => a.pos[0] - b.pos[0],
  );
  for (const problem of problems) {
    const opener = unclosedFrom(problem.message, text, problem.pos[0]);
    const first = problem.first;
    const d = opener
      ? error(
          `this \`${opener.char}\` is never closed with \`${opener.char === '[' ? ']' : '}'}\``,
          at([opener.offset, opener.offset + 1]),
        )
      : error(
          yamlMessage(problem.code, problem.message, text, problem.pos),
          at(problemRange(problem.code, problem.pos, text)),
          first ? { related: [{ message: 'first given here', location: at(first) }] } : {},
        );
    const key = `${d.location!.range.start}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
    // Whatever follows an unclosed quote or bracket is swallowed by it: more errors would only mislead.
    if (/never closed/.test(d.message)) break;
  }
  if (docs.length > 1) {
    const second = docs[1]!.range;
    diagnostics.push(
      error('a file holds one experiment, but this starts a second YAML document', at([second[0], second[0] + 3]), {
        hint: 'remove the `---` line, or put the second experiment in a file of its own',
      }),
    );
  }
  if (diagnostics.length > MAX_SYNTAX_ERRORS) {
    const rest = diagnostics.length - MAX_SYNTAX_ERRORS;
    diagnostics.length = MAX_SYNTAX_ERRORS;
    diagnostics.push(
      error(
        `${rest} more YAML syntax error${rest === 1 ? '' : 's'} not shown; fix the ones above first`,
        at([text.length, text.length]),
      ),
    );
  }
  // A duplicated key leaves a sound tree (the later value wins): go on, so that the file's other
  // mistakes are reported in the same pass. Any other syntax error leaves nothing to trust.
  const recoverable = docs.length === 1 && problems.every((p) => p.code === 'DUPLICATE_KEY');
  if (diagnostics.length > 0 && !recoverable) return { diagnostics };
  if (doc.contents === null)
    return { diagnostics: [error('the file is empty; an experiment needs `name`, `data` and `stages`', at([0, 0]))] };

  const aliasProblems = checkAliases(doc);
  if (aliasProblems.length) return { diagnostics: aliasProblems.map(([message, range]) => error(message, at(range))) };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    return { parsed: { doc, data }, diagnostics };
  } catch (e) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount.
    const alias = firstAlias(doc.contents);
    return {
      diagnostics: [
        error(
          `aliases expand to more than ${MAX_ALIAS_EXPANSION} values (${(e as Error).message.split('\n')[0]})`,
          at(alias?.range ? [alias.range[0], alias.range[1]] : [0, 1]),
          {
            hint: 'an alias repeats its anchor in full each time; write the values out, or use fewer nested aliases',
          },
        ),
      ],
    };
  }
}

function yamlMessage(code: string, message: string, text: string, pos: Range2): string {
  const detail = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML; indent with spaces';
    case 'DUPLICATE_KEY': {
      const key = keyAt(text, pos[0]);
      return `the key \`${key}\` appears twice in the same map; a map holds each key once`;
    }
    case 'TAG_RESOLVE_FAILED': {
      const tag = /^!\S*/.exec(text.slice(pos[0]))?.[0] ?? /Unresolved tag: (\S+)/.exec(detail)?.[1];
      return `custom YAML tags such as \`${tag}\` are not allowed: an experiment file is plain data`;
    }
    case 'BAD_INDENT':
      if (/mapping items must start at the same column/i.test(detail))
        return 'this key is not in line with the keys above it: the keys of a map must all start in the same column';
      if (/sequence items must start at the same column/i.test(detail))
        return 'this item is not in line with the items above it: the `-` of a list must all be in the same column';
      return `YAML syntax: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`;
    case 'MISSING_CHAR':
      if (/quote/i.test(detail)) return 'this quoted string is never closed';
      return `YAML syntax: ${detail}`;
    case 'MULTIPLE_DOCS':
      return 'a file holds one experiment, but this starts a second YAML document';
    default:
      return `YAML syntax: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`;
  }
}

/** The key written at an offset: up to the `:` that ends it, on the same line. */
function keyAt(text: string, offset: number): string {
  const line = text.slice(offset, text.indexOf('\n', offset) < 0 ? undefined : text.indexOf('\n', offset));
  return (/^("[^"]*"|'[^']*'|[^:]*?)\s*:(\s|$)/.exec(line)?.[1] ?? line).replace(/^["']|["']$/g, '');
}

/** yaml reports an unclosed quote at the end of the file; the opening quote is what to fix. */
function problemRange(code: string, pos: Range2, text: string): Range2 {
  if (code === 'DUPLICATE_KEY') return [pos[0], pos[0] + Math.max(1, keyAt(text, pos[0]).length)];
  if (code === 'BAD_INDENT') {
    // Point at what is misplaced, not at the spaces before it.
    let start = pos[0];
    while (text[start] === ' ') start++;
    return start === pos[0] ? pos : [start, start + 1];
  }
  if (code !== 'MISSING_CHAR') return pos;
  // Find the quote that opens the unclosed string: the last quote char before pos that starts a scalar.
  for (let i = Math.min(pos[0], text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if ((c === '"' || c === "'") && /(^|[\s:,[{-])$/.test(text.slice(Math.max(0, i - 1), i) || ' ')) {
      const quoted = text.indexOf(c, i + 1);
      if (quoted < 0 || quoted >= pos[0]) return [i, i + 1];
    }
  }
  return pos;
}

/**
 * For yaml's "Flow sequence ... must end with a ]" (reported where the file ends), the `[` or `{`
 * that was never closed. A light scan that knows quotes and comments; undefined if unsure.
 */
function unclosedFrom(message: string, text: string, before: number): { char: '[' | '{'; offset: number } | undefined {
  const wanted = /end with a \]/.test(message) ? '[' : /end with a \}/.test(message) ? '{' : undefined;
  if (!wanted) return undefined;
  const open = [...scanFlow(text, before).open].reverse().find((o) => o.char === wanted);
  return open ? { char: wanted, offset: open.offset } : undefined;
}

/**
 * Flow brackets outside quotes and comments, up to `until`: those still open there, and where
 * nesting first went past `maxDepth`. Linear and allocation-light, so that it can run on the raw
 * text before yaml's parser sees a file of 200,000 `[` (which takes the parser seconds).
 */
function scanFlow(
  text: string,
  until: number,
  maxDepth = Infinity,
): { open: { char: string; offset: number }[]; tooDeep?: number } {
  const open: { char: string; offset: number }[] = [];
  let quote: string | undefined;
  const end = Math.min(until, text.length);
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!)))
      i = text.indexOf('\n', i) < 0 ? end : text.indexOf('\n', i) - 1;
    else if (c === '[' || c === '{') {
      open.push({ char: c, offset: i });
      if (open.length > maxDepth) return { open, tooDeep: i };
    } else if (c === ']' || c === '}') open.pop();
  }
  return { open };
}

/** Offset of the first collection nested deeper than MAX_DEPTH, found without recursion. */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [token, parentDepth] = stack.pop()!;
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    const depth = collection ? parentDepth + 1 : parentDepth;
    if (depth > MAX_DEPTH) return token.offset;
    if (token.type === 'document' && token.value) stack.push([token.value, depth]);
    if ('items' in token) {
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth]);
        if (item.value) stack.push([item.value, depth]);
      }
    }
  }
  return undefined;
}

/**
 * Aliases that name no anchor, or that point at a node containing them (which would make the data
 * circular). Depth is already bounded, so recursion here is safe.
 */
function checkAliases(doc: Document): [string, Range2][] {
  const out: [string, Range2][] = [];
  const ancestors: unknown[] = [];
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const range: Range2 = node.range ? [node.range[0], node.range[1]] : [0, 1];
      if (target === undefined)
        out.push([`the alias \`*${node.source}\` names no anchor; define \`&${node.source}\` before it`, range]);
      else if (ancestors.includes(target))
        out.push([`the alias \`*${node.source}\` is inside its own anchor, which would make the data endless`, range]);
      return;
    }
    ancestors.push(node);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
    }
    ancestors.pop();
  };
  walk(doc.contents);
  return out;
}

/** A syntax problem: yaml's own, or a duplicate key with the range of the key it repeats. */
interface Problem {
  readonly code: string;
  readonly message: string;
  readonly pos: Range2;
  readonly first?: Range2;
}

/**
 * Keys given twice in one map, in one pass with a set per map (depth is already bounded). Keys are
 * the same as yaml's check would call the same: scalars of equal value.
 */
function duplicateKeys(node: unknown, out: Problem[] = []): Problem[] {
  if (isMap(node)) {
    const firstOf = new Map<unknown, Range2>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.range) {
        const first = firstOf.get(key.value);
        if (first)
          out.push({
            code: 'DUPLICATE_KEY',
            message: 'Map keys must be unique',
            pos: [key.range[0], key.range[1]],
            first,
          });
        else firstOf.set(key.value, [key.range[0], key.range[1]]);
      }
      duplicateKeys(pair.value, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) duplicateKeys(item, out);
  }
  return out;
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
