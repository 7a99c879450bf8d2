import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The conv weight gradient on wasm is shared between threads that take batch entries as they
// come free; the sum must not depend on who took what, or the same seed on the same backend
// would not give the same run (it did not: mnist_cnn's batch losses moved in their last bits
// from one run to the next on two threads).

const SCRIPT = fileURLToPath(new URL('../support/filter-grad-hashes.js', import.meta.url));

function gradientHashes(threads: number, repeats: number): string[] {
  const child = spawnSync(process.execPath, [SCRIPT, String(threads), String(repeats)], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout.trim().split('\n');
}

test('the conv weight gradient on wasm is the same float for float on one thread and on two, every time', () => {
  const two = gradientHashes(2, 12);
  const one = gradientHashes(1, 2);
  assert.equal(two.length, 12);
  assert.equal(new Set(two).size, 1, `two threads gave ${new Set(two).size} different gradients in 12 calls`);
  assert.deepEqual(new Set(one), new Set(two), 'one thread and two threads disagree');
});
