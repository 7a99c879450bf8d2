import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writeSweepReport } from '../../src/report/index.js';
import { wantsLogX } from '../../src/report/sweep-report.js';
import { LATENT_TRIALS, tempDir, writeSweepFolder, visibleText } from '../support/report-fixtures.js';

test('writes one report for a sweep: trials table, best trial named, settings against metrics, curves', async () => {
  const dir = await writeSweepFolder(await tempDir());
  const file = await writeSweepReport(dir);
  assert.equal(file, path.join(dir, 'report.html'));
  const page = await readFile(file, 'utf8');
  const text = visibleText(page);

  assert.match(page, /<h1>sweep-latent<span class="badge finished">finished<\/span><\/h1>/);
  assert.ok(text.includes('Trials 4 of 4 finished'));
  assert.ok(
    text.includes(
      'Best trial: t002 (ae.latent = 64), with cnn test accuracy 98.10%, the highest of 4 finished trials.',
    ),
  );
  assert.ok(text.includes('ae test loss ranged from 0.0852 (ae.latent = 128) to 0.1820 (ae.latent = 4).'));
  assert.ok(text.includes('cnn_raw test accuracy was 98.60% in every trial'));
  // The best trial's own comparison, in words.
  assert.ok(
    text.includes(
      "The CNN on ae's reconstructions (cnn) reached 98.10% test accuracy against 98.60% for the CNN on the raw digits (cnn_raw): -0.50 points",
    ),
  );
  // The table: one row per trial with the swept value, key metrics, status and time; the best row marked.
  assert.ok(text.includes('Trial ae.latent ae test loss cnn test accuracy cnn_raw test accuracy Status Time'));
  assert.ok(text.includes('t000 4 0.1820 91.20% 98.60% finished 2 min 01 s'));
  assert.match(page, /<tr class="best"><td><code>t002<\/code> <span class="star"/);
  // Charts: test loss and accuracy against the latent size; validation curves of ae and cnn
  // (cnn_raw is the same in every trial, so it gets none).
  for (const title of [
    'ae test loss against ae.latent',
    "classifiers' test accuracy against ae.latent",
    'ae: validation loss per epoch',
    'cnn: validation loss per epoch',
  ]) {
    assert.ok(text.includes(title), title);
  }
  assert.ok(!text.includes('cnn_raw: validation loss per epoch'));
  assert.equal(page.match(/<svg /g)?.length, 4);
  // The best trial's figure and confusion matrix, inlined.
  assert.equal(page.match(/src="data:image\/png;base64,/g)?.length, 2);
  assert.ok(text.includes('Chosen by cnn test accuracy (highest wins): 98.10%.'));
  assert.ok(text.includes('grid: { stages.ae.latent: [ 4, 16, 64, 128 ] }'), 'config with its sweep section');
});

test('uses a log x axis when the swept values span more than a decade', () => {
  assert.equal(wantsLogX([4, 16, 64, 128]), true);
  assert.equal(wantsLogX([0.0001, 0.01]), true);
  assert.equal(wantsLogX([8, 16, 32, 64]), false);
  assert.equal(wantsLogX([0, 10, 1000]), false, 'zero cannot sit on a log axis');
});

test('shows failed trials with their error, and links trial reports that exist', async () => {
  const trials = LATENT_TRIALS.map((t) => (t.id === 't003' ? { ...t, status: 'failed' as const } : t));
  const dir = await writeSweepFolder(await tempDir(), trials);
  await writeFile(path.join(dir, 'trials', 't001', 'report.html'), '<!doctype html><title>t001</title>');
  const page = await readFile(await writeSweepReport(dir), 'utf8');
  const text = visibleText(page);
  assert.match(page, /<span class="badge failed">failed<\/span><\/h1>/);
  assert.ok(text.includes('1 of 4 trials did not finish: t003 (failed).'));
  assert.ok(text.includes('Why trials failed t003 (ae.latent = 128) stage cnn failed cnn: Error: out of memory'), text);
  assert.ok(text.includes('t003 128 0.0852 – 98.60% failed'));
  assert.ok(page.includes('<a href="trials/t001/report.html"><code>t001</code></a>'));
  assert.ok(!page.includes('href="trials/t000/report.html"'), 'no link to a report that is not there');
});

test('builds the table from the trial folders when summary.json is missing (a killed sweep)', async () => {
  const dir = await writeSweepFolder(await tempDir(), LATENT_TRIALS.slice(0, 2));
  await rm(path.join(dir, 'summary.json'));
  const text = visibleText(await readFile(await writeSweepReport(dir), 'utf8'));
  assert.ok(text.includes('t000 4 0.1820 91.20% 98.60% finished 3 min 51 s'), text.slice(0, 2000));
  assert.ok(text.includes('Best trial: t001 (ae.latent = 16), with cnn test accuracy 96.80%'));
});

test('draws a setting whose values are words against the metrics', async () => {
  const dir = await writeSweepFolder(await tempDir(), LATENT_TRIALS.slice(0, 2));
  const summaryFile = path.join(dir, 'summary.json');
  const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
  summary.trials[0].assignment = { 'stages.ae.variant': 'undercomplete' };
  summary.trials[1].assignment = { 'stages.ae.variant': 'sparse' };
  await writeFile(summaryFile, JSON.stringify(summary));
  const configFile = path.join(dir, 'config.json');
  const config = JSON.parse(await readFile(configFile, 'utf8'));
  config.sweep = { grid: { 'stages.ae.variant': ['undercomplete', 'sparse'] } };
  await writeFile(configFile, JSON.stringify(config));
  const page = await readFile(await writeSweepReport(dir), 'utf8');
  const text = visibleText(page);
  assert.ok(text.includes('ae test loss against ae.variant'));
  assert.ok(text.includes('undercomplete') && text.includes('sparse'));
});
