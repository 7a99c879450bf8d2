import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  GRAPH_STEPS_ENV,
  MIN_STEPS_TO_COMPILE,
  minStepsToCompile,
  shouldCompile,
} from '../../src/backend/native/graph-steps/policy.js';

test('AELAB_GRAPH_STEPS=0 turns graph steps off, =1 compiles whatever repeats, unset waits for enough steps left', () => {
  assert.equal(minStepsToCompile({ [GRAPH_STEPS_ENV]: '0' }), undefined);
  assert.equal(minStepsToCompile({ [GRAPH_STEPS_ENV]: '1' }), 0);
  assert.equal(minStepsToCompile({}), MIN_STEPS_TO_COMPILE);
});

test('a key gets a graph once its step repeats with enough steps left, or at once when that graph is loaded already', () => {
  assert.equal(shouldCompile(false, false, 1000, 30), false, 'a first trace waits for a repeat');
  assert.equal(shouldCompile(false, true, 29, 30), false, 'too few steps left to pay for loading');
  assert.equal(shouldCompile(false, true, 30, 30), true);
  assert.equal(shouldCompile(true, false, 0, 30), true, 'another loop loaded this structure');
});
