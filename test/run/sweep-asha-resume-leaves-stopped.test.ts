import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { AshaState } from '../../src/types/scheduler.js';
import { CLI, runCli } from '../support/cli.js';
import { ASHA_SWEEP, writeExperiment } from '../support/experiment-file.js';
import { readJson, runFolders } from '../support/runs.js';

type Sweep = { status: string; trials: Record<string, { status: string }> };

test('resuming an interrupted ASHA sweep runs only the killed trial: stopped trials stay stopped', async () => {
  const { dir } = await writeExperiment(ASHA_SWEEP, 'sweep.yaml');
  const child = spawn(process.execPath, [CLI, 'run', 'sweep.yaml'], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  // Interrupt once two trials were stopped and the last one is under way.
  let sweepDir: string | undefined;
  for (let i = 0; i < 3000; i++) {
    [sweepDir] = await runFolders(dir);
    const sweep = sweepDir ? await readJson<Sweep>(path.join(sweepDir, 'run.json')).catch(() => undefined) : undefined;
    if (sweep?.trials.t002?.status === 'stopped' && sweep.trials.t003?.status === 'running') break;
    await sleep(100);
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  const interrupted = await readJson<Sweep>(path.join(sweepDir!, 'run.json'));
  assert.deepEqual(
    Object.values(interrupted.trials).map((t) => t.status),
    ['finished', 'stopped', 'stopped', 'killed'],
  );
  const before = await readJson<AshaState>(path.join(sweepDir!, 'scheduler.json'));

  const resumed = await runCli(['resume', path.basename(sweepDir!)], dir);
  assert.equal(resumed.code, 0, resumed.stderr + resumed.stdout);
  assert.match(resumed.stdout, /1 of 4 trials to run \(t003\)/);
  assert.doesNotMatch(resumed.stdout, /t00[12] ae: started/);
  const done = await readJson<Sweep>(path.join(sweepDir!, 'run.json'));
  assert.equal(done.status, 'finished');
  assert.equal(done.trials.t001?.status, 'stopped');
  assert.equal(done.trials.t002?.status, 'stopped');
  assert.match(done.trials.t003?.status ?? '', /^(finished|stopped)$/);
  // The scheduler went on from its log: the earlier decisions stand, each trial judged once per rung.
  const after = await readJson<AshaState>(path.join(sweepDir!, 'scheduler.json'));
  assert.deepEqual(after.log.slice(0, before.log.length), before.log);
  assert.deepEqual(after.log.map((r) => r.trial).sort(), ['t000', 't001', 't002', 't003']);
});
