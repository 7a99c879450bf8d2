import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Dag } from '../../src/graph/dag.js';

test('orders nodes so that every node comes after its inputs, keeping insertion order for ties', () => {
  const dag = new Dag<string>();
  dag.addNode('digits').addNode('cnn_raw').addNode('ae').addNode('cnn');
  dag.addEdge('digits', 'cnn_raw', 'e1').addEdge('digits', 'ae', 'e2').addEdge('ae', 'cnn', 'e3');
  const order = dag.topologicalOrder();
  assert.ok(order.ok);
  assert.deepEqual(order.order, ['digits', 'cnn_raw', 'ae', 'cnn']);
});

test('returns a cycle as the path of its edges, in the direction data flows', () => {
  const dag = new Dag<string>();
  dag.addNode('digits');
  dag
    .addEdge('a', 'b', 'b reads a')
    .addEdge('b', 'c', 'c reads b')
    .addEdge('c', 'a', 'a reads c')
    .addEdge('digits', 'a', 'a reads digits');
  const order = dag.topologicalOrder();
  assert.ok(!order.ok);
  const edges = order.cycle.map((e) => `${e.from}->${e.to}`);
  assert.equal(edges.length, 3);
  for (let i = 0; i < edges.length; i++) assert.equal(order.cycle[i]!.to, order.cycle[(i + 1) % edges.length]!.from);
  assert.deepEqual(new Set(order.cycle.map((e) => e.data)), new Set(['b reads a', 'c reads b', 'a reads c']));
});

test('finds a self-loop as a cycle of one edge', () => {
  const dag = new Dag<undefined>().addEdge('x', 'x', undefined);
  const order = dag.topologicalOrder();
  assert.ok(!order.ok);
  assert.equal(order.cycle.length, 1);
});

test('lists the transitive inputs of a node', () => {
  const dag = new Dag<undefined>()
    .addEdge('d', 'ae', undefined)
    .addEdge('ae', 'cnn', undefined)
    .addEdge('d', 'raw', undefined);
  assert.deepEqual([...dag.ancestors('cnn')].sort(), ['ae', 'd']);
});
