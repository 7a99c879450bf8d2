import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeExperiment } from '../support/experiment-file.js';
import { childrenOf, slowRun, startCli, waitGone } from '../support/processes.js';
import { readJson, runFolders } from '../support/runs.js';

type Trial = { stages: { [stage: string]: { epoch?: number } } };

/** The trial's run.json once `ready` holds. */
async function waitForTrial(dir: string, ready: (t: Trial) => boolean): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const [sweep] = await runFolders(dir);
    const t = sweep
      ? await readJson<Trial>(path.join(sweep, 'trials', 't000', 'run.json')).catch(() => undefined)
      : undefined;
    if (sweep && t && ready(t)) return sweep;
    await sleep(100);
  }
  throw new Error(`the sweep in ${dir} never got there`);
}

test('two `aelab resume` of one dead sweep at once: one records it, the other refuses naming the holder, and every epoch is in metrics.jsonl once', async () => {
  const yaml = `${slowRun(12)}sweep:\n  grid: { stages.clf.train.batch_size: [50] }\n  parallel: 1\n`;
  const { dir } = await writeExperiment(yaml, 'slow.yaml');
  const run = startCli(['run', 'slow.yaml'], dir);
  const sweep = await waitForTrial(dir, (t) => (t.stages.clf?.epoch ?? 0) >= 2);
  const trials = await childrenOf(run.child.pid!);
  run.child.kill('SIGKILL');
  await run.ended;
  await waitGone(trials, 5);

  const id = path.basename(sweep);
  const a = startCli(['resume', id], dir);
  const b = startCli(['resume', id], dir);
  const codes = [await a.exited, await b.exited];
  const outputs = [a.output(), b.output()];
  assert.deepEqual([...codes].sort(), [0, 1], outputs.join('\n---\n'));
  const loser = codes.indexOf(1);
  const winner = [a, b][1 - loser]!;
  const refused = outputs[loser]!;
  // The loser meets either the winner's lock or, once the winner has written run.json under it,
  // the winner's live record: both refusals name the holder.
  const holder = `process ${winner.child.pid} on ${os.hostname()}`;
  assert.match(
    refused,
    new RegExp(`^error: .*${id} (is being recorded by ${holder}; |is still running \\(${holder}\\); )`, 'm'),
  );
  assert.doesNotMatch(refused, /resuming|epoch/);

  const lines = (await readFile(path.join(sweep, 'trials', 't000', 'metrics.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { stage?: string; key?: string; step?: number });
  const points = lines.map((l) => `${l.stage}/${l.key}/${l.step}`);
  assert.ok(points.includes('clf/loss/12'), points.join(' '));
  assert.equal(new Set(points).size, points.length, `every epoch once: ${points.join(' ')}`);
  const record = await readJson<{ status: string }>(path.join(sweep, 'run.json'));
  assert.equal(record.status, 'finished');
});
