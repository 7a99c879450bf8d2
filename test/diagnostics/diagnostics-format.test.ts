import assert from 'node:assert/strict';
import { test } from 'node:test';
import { error, sortDiagnostics, warning } from '../../src/diagnostics/diagnostic.js';
import { diagnosticToJson, formatDiagnostic, SourceText } from '../../src/diagnostics/format.js';

const src = (text: string) => new SourceText('f.yaml', text);
const fmt = (text: string, start: number, end: number, extra = {}) => {
  const source = src(text);
  return formatDiagnostic(error('bad', { file: 'f.yaml', range: { start, end } }, extra), {
    sources: new Map([['f.yaml', source]]),
  });
};

test('prints file:line:col, the line, and a caret with tildes under the exact span', () => {
  const text = 'name: x\nlatnet: 3\n';
  assert.equal(
    fmt(text, 8, 14, { hint: 'did you mean `latent`?' }),
    ['f.yaml:2:1: error: bad', '   2 | latnet: 3', '     | ^~~~~~', '     = did you mean `latent`?'].join('\n'),
  );
});

test('keeps the caret under the right character after tabs', () => {
  const text = 'a:\n\tb: [1,\t2]\n';
  const at = text.indexOf('2');
  assert.equal(
    fmt(text, at, at + 1),
    ['f.yaml:2:9: error: bad', '   2 |     b: [1,    2]', '     |               ^'].join('\n'),
  );
});

test('cuts a long line to a window around the span', () => {
  const text = `v: ${'x'.repeat(300)}HERE${'y'.repeat(300)}\n`;
  const at = text.indexOf('HERE');
  const [, line, marker] = fmt(text, at, at + 4).split('\n');
  assert.ok(line!.length < 120, line);
  assert.equal(line!.slice(marker!.indexOf('^'), marker!.indexOf('^') + 4), 'HERE');
  assert.match(line!, /^ {3}1 \| \.\.\.x+HEREy+\.\.\.$/);
});

test('a whole-file diagnostic is printed as file: error: message, without an excerpt', () => {
  const d = error('no such file', { file: 'gone.yaml', range: { start: 0, end: 0 } });
  assert.equal(formatDiagnostic(d, { sources: new Map() }), 'gone.yaml: error: no such file');
});

test('sorts by file, then position, so output follows the file from top to bottom', () => {
  const at = (file: string, start: number) => ({ file, range: { start, end: start + 1 } });
  const sorted = sortDiagnostics([
    error('c', at('b.yaml', 1)),
    warning('b', at('a.yaml', 9)),
    error('a', at('a.yaml', 2)),
  ]);
  assert.deepEqual(
    sorted.map((d) => d.message),
    ['a', 'b', 'c'],
  );
});

test('JSON gives 1-based line and column for both ends of the range', () => {
  const source = src('name: x\nlatnet: 3\n');
  const json = diagnosticToJson(
    error('bad', { file: 'f.yaml', range: { start: 8, end: 14 } }),
    new Map([['f.yaml', source]]),
  );
  assert.deepEqual(json, {
    severity: 'error',
    message: 'bad',
    location: { file: 'f.yaml', start: { offset: 8, line: 2, col: 1 }, end: { offset: 14, line: 2, col: 7 } },
  });
});
