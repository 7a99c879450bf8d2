import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { autoencoderFigure, labelledImageRows } from '../../src/pictures/autoencoder-figure.js';
import { codeToImage, nearSquare, renderImageRows, type GridImage } from '../../src/pictures/image-grid.js';
import { toPng } from '../../src/pictures/vega-render.js';

function gray(png: PNG, x: number, y: number): number {
  return png.data[(y * png.width + x) * 4]!;
}

function img(height: number, width: number, values: number[]): GridImage {
  return { pixels: Float32Array.from(values), height, width, channels: 1 };
}

test('renders rows of images to a grayscale PNG with the expected size and scaled pixels', () => {
  // 2x2 image [0, 1 / 0.5, 0.25] scaled 2x, one cell per row, gap 1, white background.
  const a = img(2, 2, [0, 1, 0.5, 0.25]);
  const b = img(2, 2, [1, 1, 1, 0]);
  const buf = renderImageRows(
    [
      { label: 'a', images: [a, b] },
      { label: 'b', images: [b] },
    ],
    { scale: 2, gap: 1 },
  );
  const png = PNG.sync.read(buf);
  // width = gap + 2 cells * (4 + gap), height = gap + 2 rows * (4 + gap)
  assert.equal(png.width, 11);
  assert.equal(png.height, 11);
  assert.equal(gray(png, 0, 0), 255, 'gap is background');
  // First image of row 0 occupies x 1..4, y 1..4; each source pixel is a 2x2 block.
  assert.deepEqual([gray(png, 1, 1), gray(png, 2, 2), gray(png, 3, 1), gray(png, 4, 2)], [0, 0, 255, 255]);
  assert.deepEqual([gray(png, 1, 3), gray(png, 2, 4), gray(png, 3, 3), gray(png, 4, 4)], [128, 128, 64, 64]);
  // Second image of row 0 starts at x 6; its bottom-right pixel is 0.
  assert.equal(gray(png, 8, 3), 0);
  assert.equal(gray(png, 6, 1), 255);
  // Row 1 starts at y 6 and has one image (b, bottom-right 0 at x 3..4, y 8..9); its second cell stays background.
  assert.equal(gray(png, 4, 9), 0);
  assert.equal(gray(png, 1, 6), 255);
  assert.equal(gray(png, 8, 9), 255);
  // Grayscale, one byte a pixel: colour type 0 in the IHDR chunk.
  assert.equal(buf[25], 0);
});

test('centres a smaller image in its cell at the largest whole scale that fits', () => {
  const big = img(4, 4, new Array(16).fill(0));
  const small = img(1, 2, [0, 0]);
  const png = PNG.sync.read(
    renderImageRows([{ label: 'r', images: [big, small] }], { scale: 1, gap: 0, background: 1 }),
  );
  assert.equal(png.width, 8);
  assert.equal(png.height, 4);
  // small scales by 2 to 2x4, placed at rows 1..2 of the 4x4 cell at x 4..7.
  const column = [0, 1, 2, 3].map((y) => gray(png, 5, y));
  assert.deepEqual(column, [255, 0, 0, 255]);
});

test('draws NaN pixels and values outside [0,1] as background and clamped', () => {
  const png = PNG.sync.read(
    renderImageRows([{ label: 'r', images: [img(1, 3, [NaN, -2, 7])] }], { scale: 1, gap: 0, background: 0.5 }),
  );
  assert.deepEqual(
    [0, 1, 2].map((x) => gray(png, x, 0)),
    [128, 0, 255],
  );
});

test('lays a 32-value code out as 4x8, normalised to its own range', () => {
  const code = Float32Array.from({ length: 32 }, (_, i) => i * 2 - 10);
  const im = codeToImage(code, [32]);
  assert.equal(im.height, 4);
  assert.equal(im.width, 8);
  assert.equal(im.pixels[0], 0);
  assert.equal(im.pixels[31], 1);
  assert.ok(Math.abs(im.pixels[16]! - 32 / 62) < 1e-6);
  assert.deepEqual(nearSquare(784), { rows: 28, cols: 28 });
  assert.deepEqual(nearSquare(13), { rows: 4, cols: 4 });
});

test('maps a code through a given range, so that codes in one row are comparable', () => {
  const im = codeToImage(Float32Array.from([0, 5, 10, 20]), [4], { min: 0, max: 10 });
  assert.deepEqual([...im.pixels], [0, 0.5, 1, 1]);
});

test('tiles the channels of an image-shaped code into a mosaic with gaps between tiles', () => {
  // 2x2x8: channel c of pixel (y,x) holds 10*c + 2*y + x (sample-major, channels last).
  const [h, w, c] = [2, 2, 8];
  const code = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) code[(y * w + x) * c + ch] = 10 * ch + 2 * y + x;
  const im = codeToImage(code, [h, w, c], { min: 0, max: 100 });
  // 8 channels -> 2 rows x 4 columns of 2x2 tiles with 1-pixel gaps: 5 high, 11 wide.
  assert.equal(im.height, 5);
  assert.equal(im.width, 11);
  const at = (y: number, x: number): number => im.pixels[y * im.width + x]!;
  // Channel 5 is tile row 1, tile column 1: top-left at (3, 3).
  assert.ok(Math.abs(at(3, 3) - 0.5) < 1e-6);
  assert.ok(Math.abs(at(4, 4) - 0.53) < 1e-6);
  // Channel 3 at tile (0, 3): top-right pixel (y 0, x 1) at (0, 10).
  assert.ok(Math.abs(at(0, 10) - 0.31) < 1e-6);
  // Gaps between tiles carry no pixel.
  assert.ok(Number.isNaN(at(2, 0)));
  assert.ok(Number.isNaN(at(0, 2)));
});

test('rejects a code whose length does not match its shape', () => {
  assert.throws(() => codeToImage(new Float32Array(10), [4, 4, 8]), /10 values/);
});

test('puts labels beside the rows and keeps the grid pixels exact in the labelled PNG', async () => {
  const rows = [
    { label: 'Original', images: [img(2, 2, [0, 1, 0.5, 0.25])] },
    { label: 'Reconstruction', images: [img(2, 2, [1, 0, 0.25, 0.5])] },
  ];
  const { svg, gridLeft, layout } = await labelledImageRows(rows, { scale: 3, gap: 2 });
  assert.match(svg, />Original</);
  assert.match(svg, />Reconstruction</);
  const labelled = PNG.sync.read(toPng(svg, { scale: 1 }));
  const bare = PNG.sync.read(renderImageRows(rows, { scale: 3, gap: 2 }));
  assert.equal(labelled.width, gridLeft + bare.width);
  assert.equal(labelled.height, bare.height);
  assert.equal(layout.width, bare.width);
  for (let y = 0; y < bare.height; y++) {
    for (let x = 0; x < bare.width; x++) {
      assert.equal(gray(labelled, gridLeft + x, y), gray(bare, x, y), `pixel (${x}, ${y})`);
    }
  }
  // The label column has ink: some dark pixels left of the grid.
  let dark = 0;
  for (let y = 0; y < labelled.height; y++) for (let x = 0; x < gridLeft; x++) if (gray(labelled, x, y) < 128) dark++;
  assert.ok(dark > 20, `only ${dark} dark pixels in the label column`);
});

test('builds the autoencoder figure from originals, codes and reconstructions', async () => {
  const n = 3;
  const originals = { x: new Float32Array(n * 16).fill(0.25), n, shape: [16] };
  const codes = { x: Float32Array.from({ length: n * 8 }, (_, i) => i), n, shape: [2, 2, 2] };
  const recon = { x: new Float32Array(n * 16).fill(0.5), n, shape: [4, 4, 1] };
  const bare = PNG.sync.read(await autoencoderFigure(originals, codes, recon, { labels: false, scale: 2, gap: 1 }));
  // Originals [16] are drawn 4x4; the 2x2x2 codes as two 2x2 tiles side by side (2x5), so cells
  // are 10 wide (5 * 2) and 8 high (4 * 2): 3 columns and 3 rows with 1-pixel gaps.
  assert.equal(bare.width, 1 + 3 * 11);
  assert.equal(bare.height, 1 + 3 * 9);
  assert.equal(gray(bare, 5, 4), 64, 'originals row');
  assert.equal(gray(bare, 5, 22), 128, 'reconstructions row');
  // Codes are scaled over the whole row: the first code's first value (0) is black, the last code's last value (23) white.
  // Code row top 10, cell 8 high holding 2x5 scaled 2x (4x10): rows 12..15; first code x 1..10.
  assert.equal(gray(bare, 1, 12), 0);
  assert.equal(gray(bare, 1 + 2 * 11 + 9, 15), 255);
  const labelled = PNG.sync.read(await autoencoderFigure(originals, codes, recon, { scale: 2, gap: 1 }));
  assert.equal(labelled.height, bare.height);
  assert.ok(labelled.width > bare.width);
});
