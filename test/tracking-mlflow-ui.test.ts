import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../src/tracking/mlflow/index.js';
import { chromiumSkipReason, launchChromium } from './support/chromium.js';
import { runCli } from './support/cli.js';
import { tinySweep, writeExperiment } from './support/experiment-file.js';
import { runsOf } from './support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from './support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test("the MLflow UI lists a sweep's trials as runs of its experiment", { skip: chromiumSkipReason() }, async () => {
  const { dir } = await writeExperiment(tinySweep('  grid: { stages.ae.latent: [4, 8] }\n  parallel: 2'), 'sweep.yaml');
  const result = await runCli(['run', 'sweep.yaml', '--mlflow', server.uri], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const { experimentId } = await runsOf(new MlflowClient({ uri: server.uri }), 'tiny-sweep');

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    // The run list, filtered to the sweep's children (a filter also shows nested runs expanded).
    const filter = encodeURIComponent(`tags.aelab.kind = 'trial'`);
    await page.goto(`${server.uri}/#/experiments/${experimentId}/runs?searchFilter=${filter}`, {
      waitUntil: 'networkidle0',
      timeout: 90_000,
    });
    // Child runs are folded under their parent: open every fold.
    await page.waitForFunction(() => document.body.innerText.includes('matching runs'), { timeout: 60_000 });
    // The fold button of the run-name cell (MLflow 3's UI; ensure-mlflow.sh keeps the server at 3.x).
    await page.click('button[data-component-id$="runnamecellrenderer.tsx_46"]');
    await page
      .waitForFunction(
        () => /t000 latent=4/.test(document.body.innerText) && /t001 latent=8/.test(document.body.innerText),
        { timeout: 60_000 },
      )
      .catch(async (e: unknown) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'aelab-mlflow-ui-failure.png') });
        throw e;
      });
    const text = await page.evaluate(() => document.body.innerText);
    assert.match(text, /t000 latent=4/);
    assert.match(text, /t001 latent=8/);
  } finally {
    await browser.close();
  }
});
