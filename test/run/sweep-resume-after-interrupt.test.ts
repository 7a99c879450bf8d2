import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { CLI, runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders } from '../support/runs.js';

type Sweep = { status: string; trials: Record<string, { status: string }> };

test('an interrupted sweep keeps its finished trials, marks the rest killed, and resume runs only those', async () => {
  const { dir } = await writeExperiment(
    tinySweep('  grid: { stages.ae.latent: [4, 8, 16] }\n  parallel: 1'),
    'sweep.yaml',
  );
  const child = spawn(process.execPath, [CLI, 'run', 'sweep.yaml'], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  // Interrupt once the first trial has finished and the second is under way.
  let sweepDir: string | undefined;
  for (let i = 0; i < 600; i++) {
    [sweepDir] = await runFolders(dir);
    const sweep = sweepDir ? await readJson<Sweep>(path.join(sweepDir, 'run.json')).catch(() => undefined) : undefined;
    if (sweep?.trials.t000?.status === 'finished' && sweep.trials.t001?.status === 'running') break;
    await sleep(100);
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  const interrupted = await readJson<Sweep>(path.join(sweepDir!, 'run.json'));
  assert.equal(interrupted.status, 'killed');
  assert.equal(interrupted.trials.t000?.status, 'finished');
  assert.equal(interrupted.trials.t001?.status, 'killed');
  assert.equal(interrupted.trials.t002?.status, 'killed');

  const resumed = await runCli(['resume', path.basename(sweepDir!)], dir);
  assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
  assert.match(resumed.stdout, /2 of 3 trials to run \(t001, t002\)/);
  assert.doesNotMatch(resumed.stdout, /t000 ae: started/);
  const done = await readJson<Sweep>(path.join(sweepDir!, 'run.json'));
  assert.equal(done.status, 'finished');
  assert.deepEqual(
    Object.values(done.trials).map((t) => t.status),
    ['finished', 'finished', 'finished'],
  );
});
