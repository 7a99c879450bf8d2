import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { writeRunReport, writeSweepReport } from '../../src/report/index.js';
import { checkPage, chromiumSkipReason, launchChromium } from '../support/chromium.js';
import { tempDir, writeRunFolder, writeSweepFolder } from '../support/report-fixtures.js';

const skip = chromiumSkipReason();
let browser: Browser | undefined;

before(async () => {
  if (!skip) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test(
  'a run report renders in headless Chromium with no errors, no requests and every image loaded',
  { skip },
  async () => {
    const dir = await writeRunFolder(await tempDir(), {
      description: 'Escaped <script>window.__ran = 1</script> here.',
      cnnError: 'Error: boom',
    });
    const check = await checkPage(browser!, await writeRunReport(dir));
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.outsideRequests, []);
    assert.equal(check.title, 'ae-to-cnn · aelab report');
    // The autoencoder figure and cnn_raw's confusion matrix (cnn failed before drawing one).
    assert.equal(check.images.length, 2);
    for (const img of check.images) assert.ok(img.complete && img.naturalWidth > 0, `${img.alt} loaded`);
    assert.equal(check.svgCount, 3, 'ae loss, cnn_raw loss and accuracy charts');
  },
);

test(
  'a sweep report renders in headless Chromium with no errors, no requests and every image loaded',
  { skip },
  async () => {
    const dir = await writeSweepFolder(await tempDir());
    const check = await checkPage(browser!, await writeSweepReport(dir));
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.outsideRequests, []);
    assert.equal(check.images.length, 2);
    for (const img of check.images) assert.ok(img.complete && img.naturalWidth > 0, `${img.alt} loaded`);
    assert.equal(check.svgCount, 4);
  },
);

test(
  'the browser check itself catches a broken image, a request outside the page and a script error',
  { skip },
  async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.html');
    await writeFile(
      file,
      '<!doctype html><title>bad</title><img alt="broken" src="data:image/png;base64,AAAA"><img alt="far" src="http://127.0.0.1:9/x.png"><script>throw new Error("oops")</script>',
    );
    const check = await checkPage(browser!, file);
    assert.ok(
      check.problems.some((p) => p.includes('oops')),
      check.problems.join('\n'),
    );
    assert.deepEqual(check.outsideRequests, ['http://127.0.0.1:9/x.png']);
    assert.deepEqual(
      check.images.map((i) => [i.alt, i.naturalWidth]),
      [
        ['broken', 0],
        ['far', 0],
      ],
    );
  },
);
