import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writeRunReport } from '../../src/report/index.js';
import { tempDir, writeRunFolder, visibleText } from '../support/report-fixtures.js';

/** Text of the page with tags removed and entities decoded, as a reader sees it. */
test('writes report.html into the run folder with the heading, pipeline, metrics, curves, figure and confusion matrices', async () => {
  const dir = await writeRunFolder(await tempDir(), { description: 'A dense autoencoder, then two CNNs.' });
  const file = await writeRunReport(dir);
  assert.equal(file, path.join(dir, 'report.html'));
  const page = await readFile(file, 'utf8');
  const text = visibleText(page);

  // Heading: name, status, date, duration, backend, and the description.
  assert.match(page, /<h1>ae-to-cnn<span class="badge finished">finished<\/span><\/h1>/);
  for (const s of ['2026-11-28 03:15 UTC', '3 min 51 s', 'wasm', 'A dense autoencoder, then two CNNs.'])
    assert.ok(text.includes(s), s);
  // Sections in reading order.
  const order = ['id="summary"', 'id="pipeline"', 'id="metrics"', 'id="stages"', 'id="config"', 'id="environment"'].map(
    (s) => page.indexOf(s),
  );
  assert.ok(
    order.every((i) => i > 0),
    `all sections present: ${order.join(',')}`,
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    'sections in order',
  );
  // The pipeline names what each stage reads; the data set comes first.
  assert.ok(
    text.includes('cnn classifier ae.reconstructions CNN (filters 32-64, dense 128, dropout 0.25)'),
    'pipeline row of cnn',
  );
  assert.ok(text.indexOf('digits data') < text.indexOf('ae autoencoder digits'), 'data before stages');
  // Final metrics: accuracies as percentages, losses to four decimals, stage times.
  for (const s of ['97.90%', '98.60%', '0.0921', '1 min 35 s']) assert.ok(text.includes(s), s);
  // Five charts (ae loss; cnn and cnn_raw loss and accuracy) as inline SVG, three PNGs as data: URIs.
  assert.equal(page.match(/<svg /g)?.length, 5);
  assert.equal(page.match(/src="data:image\/png;base64,/g)?.length, 3);
  assert.ok(text.includes('ae: loss per epoch') && text.includes('cnn_raw: accuracy per epoch'));
  // Per-class scores beside each confusion matrix (196 of 200 right: 98.0%).
  assert.ok(text.includes('Per class on the test split') && text.includes('98.0%'));
  // The resolved config as YAML, and the environment.
  assert.ok(text.includes('input: ae.reconstructions'));
  assert.ok(text.includes('optimizer: { name: adam, learning_rate: 0.001 }'));
  assert.ok(text.includes('TensorFlow.js 4.22.0'));
  // Nothing left behind by the atomic write.
  assert.deepEqual(
    (await readdir(dir)).filter((f) => f.startsWith('report.html') && f !== 'report.html'),
    [],
  );
});

test('says in words how the CNN on reconstructions compares with the CNN on raw digits, and gives the autoencoder test loss', async () => {
  const dir = await writeRunFolder(await tempDir(), { cnnAcc: 0.979, rawAcc: 0.986, aeTestLoss: 0.0921 });
  const text = visibleText(await readFile(await writeRunReport(dir), 'utf8'));
  // 0.7 points is less than two standard errors (0.83 points) of the difference on 2000 images each.
  assert.ok(
    text.includes(
      "The CNN on ae's reconstructions (cnn) reached 97.90% test accuracy against 98.60% for the CNN on the raw digits (cnn_raw): -0.70 points, within the noise of a 2000-image test set.",
    ),
    text.slice(0, 900),
  );
  assert.ok(
    text.includes('The undercomplete autoencoder ae (latent 32) reached a test loss of 0.0921 (binary cross-entropy'),
  );
});

test('says when the difference is within the noise of the test set and when the reconstructions did better', async () => {
  // 2000 test images: a 0.15-point difference is well inside two standard errors (~0.8 points).
  const close = visibleText(
    await readFile(
      await writeRunReport(await writeRunFolder(await tempDir(), { cnnAcc: 0.9845, rawAcc: 0.986 })),
      'utf8',
    ),
  );
  assert.match(close, /\(cnn_raw\): -0\.15 points, within the noise of a 2000-image test set\./);
  const better = visibleText(
    await readFile(await writeRunReport(await writeRunFolder(await tempDir(), { cnnAcc: 0.95, rawAcc: 0.9 })), 'utf8'),
  );
  assert.match(
    better,
    /reached 95\.00% test accuracy against 90\.00% for the CNN on the raw digits \(cnn_raw\): \+5\.0 points\./,
  );
});

test('escapes every user-provided string: names and descriptions with markup stay text', async () => {
  const evil = '<script>alert("x")</script>';
  const dir = await writeRunFolder(await tempDir(), {
    name: `exp<img src=x onerror=alert(1)>`,
    description: `${evil} & "quotes" 'too'`,
    ae: `ae${evil}`,
    cnn: `cnn<b>bold</b>`,
    cnnError: `Error: bad <input> ${evil}`,
  });
  const page = await readFile(await writeRunReport(dir), 'utf8');
  assert.doesNotMatch(page, /<script/i, 'no script element anywhere, SVG included');
  assert.doesNotMatch(page, /<img src=x/i);
  assert.doesNotMatch(page, /<b>bold/);
  assert.doesNotMatch(page, /<input>/);
  assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;'));
  assert.ok(page.includes('exp&lt;img src=x onerror=alert(1)&gt;'));
  // The escaped names still read right.
  const text = visibleText(page);
  assert.ok(text.includes(`The undercomplete autoencoder ae${evil} (latent 32) reached a test loss`));
  assert.ok(
    text.includes(`The CNN on ae${evil}'s reconstructions (cnn<b>bold</b>) failed: Error: bad <input> ${evil}.`),
  );
});

test('reports a failed stage and the run error, and still shows what did finish', async () => {
  const dir = await writeRunFolder(await tempDir(), {
    cnnError: 'Error: out of memory\n    at train (classifier.js:10:5)',
  });
  const page = await readFile(await writeRunReport(dir), 'utf8');
  const text = visibleText(page);
  assert.match(page, /<h1>ae-to-cnn<span class="badge failed">failed<\/span>/);
  assert.ok(text.includes("The CNN on ae's reconstructions (cnn) failed: Error: out of memory."));
  assert.ok(text.includes('The run failed stage cnn failed'));
  assert.ok(
    page.includes('<pre class="error">Error: out of memory\n    at train (classifier.js:10:5)</pre>'),
    'full stack in the stage section',
  );
  assert.ok(text.includes('The CNN on the raw digits (cnn_raw) reached 98.60% test accuracy.'));
});

test('writes a report from run.json alone when the other files are missing or cut short', async () => {
  const dir = await writeRunFolder(await tempDir(), { pictures: false });
  await rm(path.join(dir, 'config.json'));
  await writeFile(
    path.join(dir, 'metrics.jsonl'),
    '{"stage":"ae","key":"loss","value":0.3,"step":1,"time":1}\n{"stage":"ae","key":"lo',
  );
  const text = visibleText(await readFile(await writeRunReport(dir), 'utf8'));
  assert.ok(text.includes('Without config.json the pipeline is unknown.'));
  assert.ok(text.includes('config.json is missing or unreadable.'));
  assert.ok(text.includes('0.0921'), 'final metrics from run.json');
});

test('shows a cached stage as cached, without curves', async () => {
  const dir = await writeRunFolder(await tempDir());
  const run = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8'));
  run.stages.cnn_raw.cached = true;
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(run));
  const lines = (await readFile(path.join(dir, 'metrics.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l && !l.includes('"cnn_raw"'));
  await writeFile(path.join(dir, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  const page = await readFile(await writeRunReport(dir), 'utf8');
  assert.ok(visibleText(page).includes('Taken from the cache: no epochs were trained in this run.'));
  assert.equal(page.match(/<svg /g)?.length, 3);
});
