import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import type { Browser } from 'puppeteer-core';
import { checkPage, chromiumSkipReason, launchChromium } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';
import { runFolders } from '../support/runs.js';

const skip = chromiumSkipReason();
let browser: Browser | undefined;

before(async () => {
  if (!skip) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const FIGURES = ['latent-map.png', 'interpolation.png', 'reconstruction-error.png', 'worst-reconstructed.png'];

test(
  "a run's report shows the autoencoder's analyses and where the CNN on reconstructions loses, every image loaded and no script, in Chromium",
  { skip },
  async () => {
    const { dir } = await writeExperiment(TINY_EXPERIMENT, 'tiny.yaml');
    const result = await runCli(['run', 'tiny.yaml'], dir);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /ae +finished .*probe_acc=[0-9.]+ knn_acc=[0-9.]+/);
    const [run] = await runFolders(dir);
    for (const file of FIGURES) {
      const png = PNG.sync.read(await readFile(path.join(run!, 'stages', 'ae', file)));
      assert.ok(png.width > 100 && png.height > 50, `${file}: ${png.width}x${png.height}`);
    }
    const report = path.join(run!, 'report.html');
    const text = await readFile(report, 'utf8');
    assert.doesNotMatch(text, /<script/i);
    assert.match(text, /Where the CNN on reconstructions loses/);
    assert.match(text, /linear probe/);
    const check = await checkPage(browser!, report);
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.outsideRequests, []);
    for (const img of check.images) assert.ok(img.complete && img.naturalWidth > 0, `${img.alt} loaded`);
    const alts = check.images.map((i) => i.alt).join(' | ');
    for (const words of [
      'two dimensions',
      'interpolation',
      'reconstruction error per digit',
      'worst-reconstructed',
      'accuracy per digit',
    ])
      assert.ok(alts.includes(words), `an image about "${words}" in ${alts}`);
  },
);

test(
  "a sweep's report plots probe and kNN accuracy against the swept value next to the CNN's and says it in words, in Chromium",
  { skip },
  async () => {
    const { dir } = await writeExperiment(TINY_EXPERIMENT, 'tiny.yaml');
    const result = await runCli(['run', 'tiny.yaml', '--sweep', 'stages.ae.latent=2,16', '--parallel', '1'], dir);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const report = /^report: (.+)$/m.exec(result.stdout)?.[1];
    assert.ok(report, result.stdout);
    const file = path.resolve(dir, report);
    const text = await readFile(file, 'utf8');
    assert.doesNotMatch(text, /<script/i);
    assert.match(text, /Class information in the codes/);
    assert.match(text, /A linear probe reads the digit from the test codes for [0-9.]+% at (ae\.)?latent (2|16)/);
    assert.match(text, /ae: class information in the codes against (ae\.)?latent/);
    const check = await checkPage(browser!, file);
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.outsideRequests, []);
    for (const img of check.images) assert.ok(img.complete && img.naturalWidth > 0, `${img.alt} loaded`);
  },
);
