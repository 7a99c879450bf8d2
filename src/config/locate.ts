import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceRange } from '../diagnostics/diagnostic.js';

/** What part of a node a diagnostic points at. */
export type Target = 'value' | 'key';

export interface Located {
  /** The node at the path (undefined when the path goes past what the file has). */
  readonly node?: Node;
  /** The key node of the last map entry on the path. */
  readonly key?: Node;
  /** The deepest existing node along the path, for paths that go past the file. */
  readonly deepest: Node | undefined;
}

/** Splits a JSON pointer (ajv's instancePath) into segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

const indexes = new WeakMap<YAMLMap, { readonly size: number; readonly pairs: Map<string, Pair> }>();

/**
 * A map's pairs by key text (the first of equal keys, as a search from the start finds), built once
 * per map: a file with thousands of keys gets thousands of diagnostics, and searching the map for
 * each made validate quadratic.
 */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  const known = indexes.get(map);
  if (known && known.size === map.items.length) return known.pairs;
  const pairs = new Map<string, Pair>();
  for (const p of map.items as Pair[]) {
    if (!isScalar(p.key)) continue;
    const text = String(p.key.value);
    if (!pairs.has(text)) pairs.set(text, p);
  }
  indexes.set(map, { size: map.items.length, pairs });
  return pairs;
}

/** Walks the YAML tree along a path of keys and indices, keeping the ranges ajv knows nothing of. */
export function locate(doc: Document, path: readonly (string | number)[]): Located {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let deepest = node as Node | undefined;
  for (const segment of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) return { deepest, ...(key ? { key } : {}) };
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return { deepest };
      node = item;
    } else {
      return { deepest };
    }
    if (node) deepest = node as Node;
  }
  return { node: (node ?? undefined) as Node | undefined, deepest, ...(key ? { key } : {}) };
}

/** The range to underline for a path: its value, or its key (unknown keys, maps missing a key). */
export function rangeAt(doc: Document, path: readonly (string | number)[], target: Target = 'value'): SourceRange {
  const found = locate(doc, path);
  const chosen = target === 'key' ? (found.key ?? found.node) : (found.node ?? found.key);
  const node = chosen ?? found.deepest;
  const r = node?.range;
  if (!r) return { start: 0, end: 1 };
  // A null value (`key:` with nothing after it) has an empty range: point at its key instead.
  if (r[1] <= r[0] && found.key?.range) return { start: found.key.range[0], end: found.key.range[1] };
  return { start: r[0], end: Math.max(r[1], r[0] + 1) };
}

/** The keys a map at a path actually has, as written. */
export function keysAt(doc: Document, path: readonly (string | number)[]): string[] {
  const node = resolveAlias(doc, locate(doc, path).node);
  if (!isMap(node)) return [];
  return node.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as { value: unknown }).value));
}
