import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import type { Browser } from 'puppeteer-core';
import { encodeImagePairs } from '../../src/analysis/image-pairs.js';
import { writeRunReport } from '../../src/report/index.js';
import { checkPage, chromiumSkipReason, launchChromium } from '../support/chromium.js';
import { tempDir, writeRunFolder } from '../support/report-fixtures.js';

const skip = chromiumSkipReason();
let browser: Browser | undefined;

before(async () => {
  if (!skip) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

// Twelve test digits. The raw CNN is wrong on 5 and 9; the CNN on reconstructions on 2, 5, 7 and
// 11. So the gallery must show 2, 7 and 11: not 5 (both wrong) nor 9 (only the raw CNN wrong).
const LABELS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];
const RAW = [0, 1, 2, 3, 4, 9, 6, 7, 8, 0, 0, 1];
const RECON = [0, 1, 7, 3, 4, 3, 6, 1, 8, 9, 0, 7];
const SHOWN = [2, 7, 11];
// Each test digit is one flat grey, its reconstruction another, so the picture says which it shows.
const originalGrey = (i: number) => 10 + 10 * i;
const reconstructionGrey = (i: number) => 245 - 10 * i;

async function plantedRun(): Promise<string> {
  const dir = await writeRunFolder(await tempDir());
  for (const [stage, predicted] of [
    ['cnn_raw', RAW],
    ['cnn', RECON],
  ] as const)
    await writeFile(path.join(dir, 'stages', stage, 'predictions.json'), JSON.stringify({ labels: LABELS, predicted }));
  const size = 28 * 28;
  const originals = new Uint8Array(LABELS.length * size);
  const reconstructions = new Uint8Array(LABELS.length * size);
  LABELS.forEach((_, i) => {
    originals.fill(originalGrey(i), i * size, (i + 1) * size);
    reconstructions.fill(reconstructionGrey(i), i * size, (i + 1) * size);
  });
  await writeFile(
    path.join(dir, 'stages', 'ae', 'test-images.bin.gz'),
    encodeImagePairs({
      n: LABELS.length,
      height: 28,
      width: 28,
      channels: 1,
      labels: Uint8Array.from(LABELS),
      originals,
      reconstructions,
    }),
  );
  return dir;
}

/** How many pixels of the PNG have this grey (within 2 levels in each channel). */
function greyCount(png: PNG, grey: number): number {
  let count = 0;
  for (let p = 0; p < png.data.length; p += 4)
    if ([0, 1, 2].every((c) => Math.abs(png.data[p + c]! - grey) <= 2)) count++;
  return count;
}

test(
  "the report's gallery shows exactly the test digits the raw CNN gets right and the CNN on reconstructions gets wrong, original beside reconstruction, in Chromium",
  { skip },
  async () => {
    const dir = await plantedRun();
    const report = await writeRunReport(dir);
    const png = PNG.sync.read(await readFile(path.join(dir, 'stages', 'cnn', 'gallery.png')));
    // A digit drawn at scale 2 is 56 x 56 = 3,136 pixels of one grey; text and edges never add up to 2,000.
    for (let i = 0; i < LABELS.length; i++) {
      const expected = SHOWN.includes(i);
      for (const [what, grey] of [
        ['original', originalGrey(i)],
        ['reconstruction', reconstructionGrey(i)],
      ] as const)
        assert.equal(greyCount(png, grey) > 2000, expected, `test digit ${i}'s ${what} ${expected ? '' : 'not '}shown`);
    }
    const page = await readFile(report, 'utf8');
    assert.doesNotMatch(page, /<script/i);
    assert.match(page, /Where the CNN on reconstructions loses/);
    const check = await checkPage(browser!, report);
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.outsideRequests, []);
    for (const img of check.images) assert.ok(img.complete && img.naturalWidth > 0, `${img.alt} loaded`);
    const gallery = check.images.find((i) => i.alt.includes('cnn_raw gets right and cnn gets wrong'));
    assert.ok(gallery, check.images.map((i) => i.alt).join(' | '));
    assert.match(
      gallery.alt,
      /the 3 test digits cnn_raw gets right and cnn gets wrong, original beside reconstruction/,
    );
    assert.equal(gallery.naturalWidth, png.width);
  },
);

test('a gallery file whose labels are not the classified test images is not drawn, and the report says why', async () => {
  const dir = await plantedRun();
  await writeFile(
    path.join(dir, 'stages', 'cnn', 'predictions.json'),
    JSON.stringify({ labels: [...LABELS.slice(1), 0], predicted: RECON }),
  );
  await writeFile(
    path.join(dir, 'stages', 'cnn_raw', 'predictions.json'),
    JSON.stringify({ labels: [...LABELS.slice(1), 0], predicted: RAW }),
  );
  const page = await readFile(await writeRunReport(dir), 'utf8');
  assert.match(page, /No gallery: the 12 test images ae kept are not the 12 that cnn classified \(labels differ\)/);
});
