import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/cli.js';

const LOCK = JSON.stringify(path.join(ROOT, 'dist/src/run-store/lock.js'));

/** A node process running `body` with lockRunFolder imported; resolves with its stdout. */
function node(body: string): Promise<string> {
  const code = `import { lockRunFolder } from ${LOCK};\n${body}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', () => (err ? reject(new Error(err)) : resolve(out)));
  });
}

test("recorders that find a run's lock holder dead, all at once: exactly one takes the lock over, the others refuse naming it", async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'aelab-lock-'));
  try {
    for (let round = 0; round < 6; round++) {
      const dir = path.join(root, `run${round}`);
      // A holder killed while it held the lock: the lock and its owner file stay behind.
      await node(
        `const r = await lockRunFolder(${JSON.stringify(dir)}, () => {}); if (!r.ok) throw new Error(r.error); process.kill(process.pid, 'SIGKILL');`,
      ).catch(() => undefined);
      assert.ok((await readdir(dir)).includes('.lock'), 'the killed holder left its lock');

      const contender = `
        const r = await lockRunFolder(${JSON.stringify(dir)}, () => {});
        if (r.ok) { process.stdout.write('took ' + process.pid); await new Promise((s) => setTimeout(s, 1500)); await r.value.release(); }
        else process.stdout.write('refused: ' + r.error);`;
      const outcomes = await Promise.all([node(contender), node(contender), node(contender)]);
      const took = outcomes.filter((o) => o.startsWith('took '));
      assert.equal(took.length, 1, outcomes.join('\n'));
      const winner = took[0]!.slice('took '.length);
      for (const o of outcomes.filter((x) => x !== took[0]))
        assert.match(o, new RegExp(`^refused: .* is being recorded by process ${winner} on `), outcomes.join('\n'));
      // Nothing of the takeover is left in the folder once the winner released the lock.
      assert.deepEqual(await readdir(dir), []);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
