import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { confusionMatrixChart, lossCurvesChart, sweepChart } from '../../src/pictures/charts.js';
import { bundledFontFiles } from '../../src/pictures/fonts.js';
import { textWidth } from '../../src/pictures/text-metrics.js';
import { offlineLoader, toPng, vegaLiteToSvg } from '../../src/pictures/vega-render.js';

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  assert.ok(m, 'svg has width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Texts drawn by <text> elements, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

test('draws a confusion matrix with every count in its cell and both axis titles', async () => {
  const matrix = [
    [50, 3, 0],
    [7, 41, 2],
    [0, 1, 96],
  ];
  const { svg } = await confusionMatrixChart(matrix, ['cat', 'dog', 'emu']);
  const t = texts(svg);
  for (const n of [50, 3, 0, 7, 41, 2, 1, 96]) assert.ok(t.includes(String(n)), `count ${n} drawn`);
  assert.equal(t.filter((s) => s === '0').length, 2, 'both zero cells drawn');
  assert.ok(t.includes('Predicted class'));
  assert.ok(t.includes('True class'));
  for (const name of ['cat', 'dog', 'emu']) assert.ok(t.filter((s) => s === name).length >= 2, `${name} on both axes`);
});

test('places the count of true class t predicted as p in row t and column p', async () => {
  const { svg } = await confusionMatrixChart(
    [
      [11, 22],
      [33, 44],
    ],
    ['a', 'b'],
  );
  const pos = (n: number): { x: number; y: number } => {
    const m = new RegExp(`<text[^>]*translate\\(([\\d.]+),([\\d.]+)\\)[^>]*>${n}</text>`).exec(svg);
    assert.ok(m, `count ${n} found`);
    return { x: Number(m[1]), y: Number(m[2]) };
  };
  const [a, b, c, d] = [pos(11), pos(22), pos(33), pos(44)];
  assert.ok(a.x < b.x && a.y === b.y, 'row a: predicted a left of predicted b');
  assert.ok(a.y < c.y && a.x === c.x, 'true b below true a');
  assert.ok(d.x === b.x && d.y === c.y);
});

test('converts chart SVG to a PNG of the SVG size times the scale', async () => {
  const { svg } = await confusionMatrixChart(
    [
      [5, 1],
      [2, 8],
    ],
    ['0', '1'],
  );
  const { width, height } = svgSize(svg);
  const png = PNG.sync.read(toPng(svg, { scale: 2 }));
  assert.equal(png.width, Math.round(width * 2));
  assert.equal(png.height, Math.round(height * 2));
  let nonWhite = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 200) nonWhite++;
  assert.ok(nonWhite > 500, `only ${nonWhite} drawn pixels`);
});

test('draws text with the bundled font, and still renders when no font is available', async () => {
  assert.equal(bundledFontFiles().length, 2, 'DejaVu Sans regular and bold found in node_modules');
  const { svg } = await lossCurvesChart(
    [
      {
        name: 'train',
        points: [
          { epoch: 1, value: 1 },
          { epoch: 2, value: 0.5 },
        ],
      },
    ],
    'Loss',
  );
  const withFont = PNG.sync.read(toPng(svg, { scale: 1 }));
  const noFont = PNG.sync.read(toPng(svg, { scale: 1, fontFiles: [], systemFonts: false }));
  assert.equal(noFont.width, withFont.width);
  assert.equal(noFont.height, withFont.height);
  let differ = 0;
  for (let i = 0; i < withFont.data.length; i += 4) if (withFont.data[i] !== noFont.data[i]) differ++;
  assert.ok(differ > 200, `text should add ink: ${differ} pixels differ`);
});

test('measures text with the real font rather than a per-character guess', () => {
  // vega's guess without a canvas is 0.8 x size per character whatever the letters.
  assert.ok(textWidth('iiii', 12) < textWidth('MMMM', 12) / 2);
  const w = textWidth('Predicted class', 12);
  assert.ok(w > 80 && w < 100, `DejaVu Sans 12px "Predicted class" is about 90px, got ${w}`);
});

test('draws train and validation loss per epoch with titles and legend', async () => {
  const { svg } = await lossCurvesChart(
    [
      { name: 'train', points: [1, 2, 3].map((e) => ({ epoch: e, value: 0.3 / e })) },
      { name: 'validation', points: [1, 2, 3].map((e) => ({ epoch: e, value: 0.35 / e })) },
    ],
    'Autoencoder loss',
  );
  const t = texts(svg);
  for (const s of ['Autoencoder loss', 'Epoch', 'Loss', 'train', 'validation', '1', '2', '3'])
    assert.ok(t.includes(s), `"${s}" drawn`);
  assert.ok(!t.includes('1.5'), 'whole epochs only on the axis');
  assert.equal((svg.match(/<path[^>]*aria-roledescription="line mark"/g) ?? []).length, 2, 'one line per series');
});

test('draws a sweep on a log axis with ticks at the swept values', async () => {
  const points = [8, 16, 32, 64].flatMap((x) => [
    { x, y: 1 / x, series: 'test' },
    { x, y: 1.1 / x, series: 'train' },
  ]);
  const { svg } = await sweepChart(points, 'Latent size', 'Test loss', { logX: true });
  const t = texts(svg);
  for (const s of ['Latent size', 'Test loss', '8', '16', '32', '64', 'test', 'train'])
    assert.ok(t.includes(s), `"${s}" drawn`);
  // On a log axis 8..64 is three equal steps.
  const tickX = (label: string): number => {
    const m = new RegExp(`<text[^>]*translate\\(([\\d.]+),[\\d.]+\\)[^>]*>${label}</text>`).exec(svg);
    assert.ok(m);
    return Number(m[1]);
  };
  const [a, b, c] = [tickX('8'), tickX('16'), tickX('32')];
  assert.ok(Math.abs(b - a - (c - b)) < 1);
});

test('renders without touching the network and refuses data URLs', async () => {
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request) => {
    fetched.push(String(input));
    throw new Error('network used');
  }) as typeof fetch;
  try {
    await confusionMatrixChart([[1]], ['x']);
    await lossCurvesChart([{ name: 'train', points: [{ epoch: 1, value: 1 }] }], 't');
    await sweepChart([{ x: 1, y: 1 }], 'x', 'y');
    // A spec that names a URL gets no data: the loader refuses it and nothing is fetched.
    const svg = await vegaLiteToSvg({
      data: { url: 'http://127.0.0.1:9/data.json' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    });
    assert.match(svg, /<svg/);
    await assert.rejects(offlineLoader().load('http://127.0.0.1:9/data.json'), /offline/);
    await assert.rejects(offlineLoader().sanitize('file:///etc/passwd', { context: 'image' }), /offline/);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(fetched, []);
});
