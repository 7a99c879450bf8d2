/**
 * A directed acyclic graph over string node names, knowing nothing of stages: topological order
 * (stable: ties keep insertion order) and, when there is a cycle, the cycle as a path of edges.
 */
export interface Edge<E> {
  readonly from: string;
  readonly to: string;
  readonly data: E;
}

export type TopoResult<E> =
  { readonly ok: true; readonly order: string[] } | { readonly ok: false; readonly cycle: Edge<E>[] };

export class Dag<E = undefined> {
  private readonly nodes: string[] = [];
  private readonly outgoing = new Map<string, Edge<E>[]>();
  private readonly incoming = new Map<string, Edge<E>[]>();

  addNode(name: string): this {
    if (!this.outgoing.has(name)) {
      this.nodes.push(name);
      this.outgoing.set(name, []);
      this.incoming.set(name, []);
    }
    return this;
  }

  /** An edge from -> to means `to` depends on `from` (runs after it). */
  addEdge(from: string, to: string, data: E): this {
    this.addNode(from).addNode(to);
    const edge = { from, to, data };
    this.outgoing.get(from)!.push(edge);
    this.incoming.get(to)!.push(edge);
    return this;
  }

  names(): readonly string[] {
    return this.nodes;
  }

  dependencies(name: string): Edge<E>[] {
    return this.incoming.get(name) ?? [];
  }

  dependents(name: string): Edge<E>[] {
    return this.outgoing.get(name) ?? [];
  }

  /** Every node reachable backwards from `name` (its transitive inputs), not including itself. */
  ancestors(name: string): Set<string> {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length) {
      for (const edge of this.dependencies(stack.pop()!)) {
        if (!seen.has(edge.from)) {
          seen.add(edge.from);
          stack.push(edge.from);
        }
      }
    }
    return seen;
  }

  /** Kahn's algorithm; if nodes remain, one cycle among them is traced and returned. */
  topologicalOrder(): TopoResult<E> {
    const remaining = new Map(this.nodes.map((n) => [n, this.dependencies(n).length]));
    const order: string[] = [];
    let progress = true;
    while (progress) {
      progress = false;
      for (const n of this.nodes) {
        if (remaining.get(n) === 0) {
          remaining.delete(n);
          order.push(n);
          for (const edge of this.dependents(n)) remaining.set(edge.to, (remaining.get(edge.to) ?? 0) - 1);
          progress = true;
        }
      }
    }
    if (remaining.size === 0) return { ok: true, order };
    return { ok: false, cycle: this.traceCycle(new Set(remaining.keys())) };
  }

  /** Walks dependencies inside the stuck set until a node repeats: that loop is a cycle. */
  private traceCycle(stuck: Set<string>): Edge<E>[] {
    const start = this.nodes.find((n) => stuck.has(n))!;
    const path: Edge<E>[] = [];
    const visitedAt = new Map<string, number>();
    let current = start;
    while (!visitedAt.has(current)) {
      visitedAt.set(current, path.length);
      const edge = this.dependencies(current).find((e) => stuck.has(e.from))!;
      path.push(edge);
      current = edge.from;
    }
    // path holds edges walked backwards (to <- from); keep the loop and turn it forwards.
    return path.slice(visitedAt.get(current)).reverse();
  }
}
