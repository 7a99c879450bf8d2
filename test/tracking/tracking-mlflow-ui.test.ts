import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MlflowClient } from '../../src/tracking/mlflow/index.js';
import { experimentRunsUrl, runUrl } from '../../src/tracking/mlflow-sync.js';
import { chromiumSkipReason, launchChromium } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { tinySweep, writeExperiment } from '../support/experiment-file.js';
import { runsOf } from '../support/mlflow-read.js';
import { startMlflowServer, type MlflowServer } from '../support/mlflow-server.js';

let server: MlflowServer;
before(async () => {
  server = await startMlflowServer();
});
after(async () => {
  await server?.stop();
});

test(
  "MLflow's UI opens the experiment on its runs: the sweep's parent with its trials, and a trial's metric charts grouped per stage",
  { skip: chromiumSkipReason() },
  async () => {
    const { dir } = await writeExperiment(
      tinySweep('  grid: { stages.ae.latent: [4, 8] }\n  parallel: 2'),
      'sweep.yaml',
    );
    const result = await runCli(['run', 'sweep.yaml', '--mlflow', server.uri], dir);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const client = new MlflowClient({ uri: server.uri });
    const { experimentId, runs } = await runsOf(client, 'tiny-sweep');
    const parent = runs.find((r) => r.data.tags['aelab.kind'] === 'sweep')!;
    const child = runs.find((r) => r.info.runName === 't000 latent=4')!;
    // The run's own link is printed at the end of the run.
    assert.match(
      result.stdout,
      new RegExp(`^mlflow: ${runUrl(server.uri, experimentId, parent.info.runId).replace(/[?#/.]/g, '\\$&')}$`, 'm'),
    );

    const browser = await launchChromium();
    const page = await browser.newPage();
    const fail = async (e: unknown) => {
      await page.screenshot({ path: path.join(os.tmpdir(), 'aelab-mlflow-ui-failure.png') });
      throw e;
    };
    try {
      await page.setViewport({ width: 1400, height: 900 });
      // The link `aelab ui` prints: the runs table, not the GenAI overview.
      await page.goto(experimentRunsUrl(server.uri, experimentId), { waitUntil: 'networkidle0', timeout: 90_000 });
      await page
        .waitForFunction(
          (name: string) => document.body.innerText.includes(name),
          { timeout: 60_000 },
          parent.info.runName,
        )
        .catch(fail);
      // Child runs are folded under their parent: open the fold (MLflow 3's run-name cell).
      await page.click('button[data-component-id$="runnamecellrenderer.tsx_46"]').catch(fail);
      await page
        .waitForFunction(
          () => /t000 latent=4/.test(document.body.innerText) && /t001 latent=8/.test(document.body.innerText),
          { timeout: 60_000 },
        )
        .catch(fail);

      // A trial's metric charts, one section per stage (metric names are `<stage>/<metric>`).
      // The page draws only the charts in view: a tall window shows every stage's section at once.
      await page.setViewport({ width: 1400, height: 3000 });
      await page.goto(`${runUrl(server.uri, experimentId, child.info.runId)}/model-metrics`, {
        waitUntil: 'networkidle0',
        timeout: 90_000,
      });
      await page
        .waitForFunction(() => document.body.innerText.includes('clf/test_acc'), { timeout: 60_000 })
        .catch(fail);
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /clf\/test_acc/);
      assert.match(text, /ae\/loss/);
      // Charts draw after the names show (later still on a loaded machine): wait for one.
      const chart = await page
        .waitForSelector('canvas, svg.main-svg, .js-plotly-plot', { timeout: 60_000 })
        .catch(() => null);
      assert.ok(chart, 'a chart is drawn');
    } finally {
      await browser.close();
    }
  },
);
