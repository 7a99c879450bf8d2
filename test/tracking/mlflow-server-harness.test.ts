// The test harness's promise: a real MLflow server that never outlives the process that
// started it, even when that process is killed outright.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { groupAlive } from '../support/mlflow-server.js';

const harness = fileURLToPath(new URL('../support/mlflow-server.js', import.meta.url));

describe('mlflow test server harness', () => {
  test('takes the whole server down when the process that started it is SIGKILLed', async (t) => {
    // A separate node process starts a server, reports it, and then is killed with no chance
    // to clean up: only the watchdog can stop the server.
    const script = `
      const { startMlflowServer } = await import(${JSON.stringify(harness)});
      const s = await startMlflowServer();
      console.log(JSON.stringify({ uri: s.uri, pgid: s.pgid, dir: s.dir, startupMs: s.startupMs }));
      setInterval(() => {}, 1000);
    `;
    const owner = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: owner.stdout! }), 'line')) as [string];
    const { uri, pgid, dir, startupMs } = JSON.parse(line) as {
      uri: string;
      pgid: number;
      dir: string;
      startupMs: number;
    };
    t.diagnostic(`server started in ${Math.round(startupMs)} ms`);
    assert.equal((await fetch(`${uri}/health`)).status, 200);

    owner.kill('SIGKILL');
    await once(owner, 'exit');
    const killedAt = performance.now();

    // Poll (not a timing assertion): the watchdog TERMs, waits up to 10 s, then KILLs.
    for (let i = 0; i < 300 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
    const alive = groupAlive(pgid);
    t.diagnostic(`process group gone ${Math.round(performance.now() - killedAt)} ms after the owner died`);
    if (alive) process.kill(-pgid, 'SIGKILL'); // do not leave it behind even if we failed
    assert.equal(alive, false, 'the server process group outlived its owner');
    await assert.rejects(fetch(`${uri}/health`));
    assert.equal(existsSync(dir), false, 'the temp dir of the server was left behind');
  });
});
