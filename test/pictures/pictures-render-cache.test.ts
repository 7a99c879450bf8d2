import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { chartPng, chartSvg, keepRenderedCharts } from '../../src/pictures/render-cache.js';

const dirs: string[] = [];
after(async () => {
  keepRenderedCharts(undefined);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function cacheFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-charts-'));
  dirs.push(dir);
  keepRenderedCharts(dir);
  return dir;
}

const spec = (title: string): TopLevelSpec => ({
  title,
  data: { values: [1, 2, 3].map((epoch) => ({ epoch, value: 1 / epoch })) },
  mark: 'line',
  encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } },
});

test('a chart drawn once is kept and the same spec gives back the same SVG from the cache', async () => {
  const dir = await cacheFolder();
  const drawn = await chartSvg(spec('kept'));
  const files = await readdir(dir);
  assert.equal(files.length, 1);
  assert.equal(await readFile(path.join(dir, files[0]!), 'utf8'), drawn);
  // A cached copy that differs shows that the second call read the cache, not vega.
  const marked = drawn.replace('kept', 'from the cache');
  await writeFile(path.join(dir, files[0]!), marked);
  assert.equal(await chartSvg(spec('kept')), marked);
  assert.notEqual(await chartSvg(spec('another title')), marked);
});

test('a cached SVG with a script, an event handler or foreign content is drawn afresh instead', async () => {
  const dir = await cacheFolder();
  const drawn = await chartSvg(spec('hostile'));
  const [file] = await readdir(dir);
  for (const planted of [
    drawn.replace('</svg>', '<script>alert(1)</script></svg>'),
    drawn.replace('<svg ', '<svg onload="alert(1)" '),
    drawn.replace('</svg>', '<foreignObject><div>x</div></foreignObject></svg>'),
    '<html><body>not a chart</body></html>',
  ]) {
    await writeFile(path.join(dir, file!), planted);
    assert.equal(await chartSvg(spec('hostile')), drawn, planted.slice(0, 60));
  }
});

test('a cached PNG that is not a PNG is drawn afresh', async () => {
  const dir = await cacheFolder();
  const svg = await chartSvg(spec('png'));
  const png = await chartPng(svg, 1);
  const pngFile = (await readdir(dir)).find((f) => f.endsWith('.png'))!;
  await writeFile(path.join(dir, pngFile), '<svg>not a png</svg>');
  assert.deepEqual(await chartPng(svg, 1), png);
});

test('without a cache folder every chart is drawn and nothing is written', async () => {
  const dir = await cacheFolder();
  keepRenderedCharts(undefined);
  const svg = await chartSvg(spec('uncached'));
  assert.match(svg, /^<svg/);
  assert.deepEqual(await readdir(dir), []);
});
