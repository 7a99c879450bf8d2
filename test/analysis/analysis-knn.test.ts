import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { knnClassify, vote } from '../../src/models/probes.js';
import { useCpu } from '../support/models-fixtures.js';

before(useCpu);

// Six training points on a line-like layout, classes 0, 1, 2:
//   (0,0):0  (1,0):0  (0,1):1  (5,5):2  (6,5):2  (5,6):1
const train = {
  x: Float32Array.from([0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 6]),
  n: 6,
  dim: 2,
  labels: Uint8Array.from([0, 0, 1, 2, 2, 1]),
};

test('kNN with k = 3 and Euclidean distance gives the hand-computed votes', async () => {
  // (0.2,0.1): nearest (0,0) d²=.05, (1,0) .65, (0,1) .85 -> votes 0,0,1 -> 0
  // (5.1,5.4): (5,5) .17, (5,6) .37, (6,5) .97 -> 2,1,2 -> 2
  // (4.9,5.9): (5,6) .02, (5,5) .82, (6,5) 2.02 -> 1,2,2 -> 2
  // (0.1,0.8): (0,1) .05, (0,0) .65, (1,0) 1.45 -> 1,0,0 -> 0 (labelled 1: wrong)
  const test_ = {
    x: Float32Array.from([0.2, 0.1, 5.1, 5.4, 4.9, 5.9, 0.1, 0.8]),
    n: 4,
    dim: 2,
    labels: Uint8Array.from([0, 2, 2, 1]),
  };
  const r = await knnClassify(train, test_, 3, { k: 3 });
  assert.deepEqual([...r.predicted], [0, 2, 2, 0]);
  assert.equal(r.accuracy, 0.75);
  const one = await knnClassify(train, test_, 3, { k: 1 });
  assert.deepEqual([...one.predicted], [0, 2, 1, 1]);
  assert.equal(one.accuracy, 0.75);
});

test('a tied kNN vote goes to the class of the nearest neighbour among the tied classes', () => {
  const labels = Uint8Array.from([0, 1, 2, 1, 0]);
  // Neighbours nearest first: indices 2 (class 2), 1 (1), 4 (0), 3 (1), 0 (0): classes 1 and 0 tie at 2 votes.
  assert.equal(vote([2, 1, 4, 3, 0], labels, 3), 1);
  assert.equal(vote([4, 1, 3, 0], labels, 3), 0);
});
