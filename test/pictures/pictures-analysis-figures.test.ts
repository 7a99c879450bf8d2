import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import {
  classBarsChart,
  imageGridOnAxes,
  imageRowsFigure,
  latentMapFigure,
  type GridImage,
} from '../../src/pictures/index.js';
import { mulberry32 } from '../../src/util/random.js';

function decode(png: Buffer): PNG {
  const img = PNG.sync.read(png);
  assert.ok(img.width > 50 && img.height > 50, `${img.width}x${img.height}`);
  return img;
}

/** Distinct colours among the pixels that are neither white nor gray (the coloured marks). */
function colours(img: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return seen.size;
}

const digit = (v: number): GridImage => ({
  pixels: new Float32Array(28 * 28).fill(v),
  height: 28,
  width: 28,
  channels: 1,
});

test('the latent map draws each digit in its own colour, panels side by side', async () => {
  const rng = mulberry32(1);
  const labels = Array.from({ length: 500 }, (_, i) => i % 10);
  const points = Float32Array.from({ length: 1000 }, (_, i) => labels[i >> 1]! * 3 + rng());
  const png = await latentMapFigure(
    [
      { title: 'PCA', xTitle: 'PC 1', yTitle: 'PC 2', points, labels },
      { title: 'UMAP', xTitle: 'UMAP 1', yTitle: 'UMAP 2', points, labels },
    ],
    { title: 'ae: test codes', caption: ['500 test digits'] },
  );
  const img = decode(png);
  assert.ok(img.width > img.height * 1.5, 'two panels side by side');
  assert.ok(colours(img) >= 10, `${colours(img)} colours for 10 digits`);
});

test('image rows and the image grid on axes render as PNGs wider than their pixels', async () => {
  const rows = [
    { label: 'digit 3 (MSE 0.051)', images: [digit(0.2), digit(0.8)] },
    { label: 'digit 7 (MSE 0.049)', images: [digit(0.5), digit(1)] },
  ];
  const a = decode(
    await imageRowsFigure(rows, { title: 'Worst reconstructions', caption: ['left: original'], scale: 2 }),
  );
  assert.ok(a.width > 2 * 56 + 100, 'labels beside the grid');
  const cells = Array.from({ length: 3 }, () => ({ label: '', images: [digit(0), digit(0.5), digit(1)] }));
  const b = decode(
    await imageGridOnAxes(cells, {
      title: 'Manifold',
      xTitle: 'z1',
      yTitle: 'z2',
      x: [-1.6, 1.6],
      y: [-1.6, 1.6],
      scale: 2,
    }),
  );
  assert.ok(b.width > 3 * 56 && b.height > 3 * 56, 'axes and title around the 3x3 grid');
});

test('class bars chart shows every series in its colour', async () => {
  const bars = ['0', '1', '2'].flatMap((cls, i) => [
    { cls, series: 'raw digits', value: 0.99 - i * 0.01, low: 0.98 - i * 0.01, high: 1 },
    { cls, series: 'reconstructions', value: 0.95 - i * 0.02 },
  ]);
  const img = decode(
    await classBarsChart(bars, { title: 'Accuracy per digit', xTitle: 'Digit', yTitle: 'Accuracy', marked: ['2'] }),
  );
  assert.ok(colours(img) >= 2);
});
