import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { loadExperiment } from '../../src/config/load.js';
import { planWithDataContent } from '../../src/run/data-identities.js';
import { runTrial } from '../../src/run/run-trial.js';
import type { RunEvent } from '../../src/types/run-events.js';
import { generateIdx, tempDir, writeIdxFolder } from '../support/data-helpers.js';
import { writeFile } from 'node:fs/promises';

test('files replaced between planning and loading fail the trial, rather than filing new results under the old data', async () => {
  const { dir, remove } = await tempDir('data-race');
  try {
    await mkdir(path.join(dir, 'pics'));
    await writeIdxFolder(path.join(dir, 'pics'), generateIdx(100, 50, 8, 8, 10, 1), false);
    const file = path.join(dir, 'e.yaml');
    await writeFile(
      file,
      'name: race\nseed: 1\ndata:\n  pics: { source: idx, path: pics }\nstages:\n  ae: { type: autoencoder, input: pics, latent: 4, train: { epochs: 1, batch_size: 50 } }\n',
    );
    const loaded = await loadExperiment(file, { projectDir: dir });
    assert.ok(loaded.experiment, JSON.stringify(loaded.diagnostics));
    const cacheDir = path.join(dir, 'runs', '.cache', 'data');
    const plan = await planWithDataContent(
      loaded.experiment.config,
      { codeVersion: 'test', backend: 'cpu' },
      { experimentDir: dir, cacheDir, download: false },
    );
    assert.ok(plan.ok);
    const data = plan.value.trials[0]!.nodes.find((n) => n.kind === 'data');
    assert.match(data?.kind === 'data' ? (data.content ?? '') : '', /^idx;sha256=[0-9a-f]{64}$/);

    // The sweep runs for a while; meanwhile someone copies in another version of the data.
    await writeIdxFolder(path.join(dir, 'pics'), generateIdx(100, 50, 8, 8, 10, 2), false);
    const events: RunEvent[] = [];
    const result = await runTrial(plan.value.trials[0]!, {
      runDir: path.join(dir, 'runs', 'r'),
      experimentDir: dir,
      dataCacheDir: cacheDir,
      environment: {
        backend: 'cpu',
        aelab: 'test',
        node: process.version,
        tfjs: '-',
        platform: process.platform,
        hostname: 'test',
      },
      emit: (e) => events.push(e),
    });
    assert.equal(result.status, 'failed');
    assert.match(
      result.status === 'failed' ? result.error : '',
      /^data set pics: its files changed after the run started \(other bytes\); run again to use the new data$/,
    );
    assert.ok(!events.some((e) => e.type === 'epoch'), 'nothing trained on the new bytes');
  } finally {
    await remove();
  }
});
