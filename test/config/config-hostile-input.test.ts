import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadExperiment } from '../../src/config/load.js';
import { MAX_FILE_BYTES } from '../../src/config/source.js';

/**
 * Input meant to hurt: each must come back as a located error, promptly and without a crash,
 * a stack overflow or anything executed. (No timing assertions: a hang would time the test out.)
 */
let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aelab-hostile-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, text: string | Buffer) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return loadExperiment(file, { projectDir: dir });
}

const messages = (o: { diagnostics: { message: string }[] }) => o.diagnostics.map((d) => d.message);

test('refuses a file over the size limit without parsing it', async () => {
  const outcome = await load('big.yaml', `name: big\n#${'x'.repeat(MAX_FILE_BYTES)}\n`);
  assert.equal(outcome.experiment, undefined);
  assert.match(messages(outcome)[0]!, /limited to 256 KiB/);
  assert.deepEqual(outcome.diagnostics[0]!.location?.range, { start: 0, end: 0 });
});

test('reports 100,000 nested flow sequences as too deep instead of overflowing the stack', async () => {
  const outcome = await load('deep.yaml', `name: deep\nv: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  assert.deepEqual(messages(outcome), ['the document is nested more than 64 levels deep; no experiment needs that']);
  // The top-level map is level 1, so the 64th `[` is level 65.
  assert.equal(outcome.diagnostics[0]!.location?.range.start, 'name: deep\nv: '.length + 63);
});

test('reports 50,000 nested flow maps and 20,000 nested block sequences as too deep', async () => {
  const maps = await load('maps.yaml', `name: deep\nv: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`);
  assert.match(messages(maps)[0]!, /nested more than 64 levels/);
  const seqs = await load('seqs.yaml', `name: deep\nv:\n${'- '.repeat(20_000)}x\n`);
  assert.match(messages(seqs)[0]!, /nested more than 64 levels/);
});

test('stops a billion-laughs alias bomb', async () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const outcome = await load('bomb.yaml', lines.join('\n'));
  assert.equal(outcome.experiment, undefined);
  assert.match(messages(outcome)[0]!, /aliases expand to more than 10000 values/);
});

test('never executes or constructs custom tags', async () => {
  (globalThis as { pwned?: boolean }).pwned = false;
  const outcome = await load(
    'tags.yaml',
    'name: tags\ndescription: !!js/function "function () { globalThis.pwned = true }"\nx: !!js/undefined ~\ny: !!python/object/apply:os.system [echo]\n',
  );
  assert.equal((globalThis as { pwned?: boolean }).pwned, false);
  assert.deepEqual(
    outcome.diagnostics.map((d) => d.message.replace(/ are not allowed.*/, '')),
    [
      'custom YAML tags such as `!!js/function`',
      'custom YAML tags such as `!!js/undefined`',
      'custom YAML tags such as `!!python/object/apply:os.system`',
    ],
  );
});

test('points at the first byte that is not UTF-8', async () => {
  const outcome = await load('latin1.yaml', Buffer.from('name: x\ndescription: caf\xe9\n', 'latin1'));
  assert.deepEqual(messages(outcome), ['the file is not valid UTF-8 (byte 0xe9); save it as UTF-8']);
  assert.equal(outcome.diagnostics[0]!.location?.range.start, 'name: x\ndescription: caf'.length);
});

test('a `__proto__` key neither pollutes prototypes nor passes as a name', async () => {
  const outcome = await load(
    'proto.yaml',
    'name: proto\ndata:\n  __proto__: { polluted: true }\n  digits: { source: mnist }\nstages:\n  constructor: { type: autoencoder, input: digits }\n',
  );
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.equal(
    messages(outcome)[0],
    '`__proto__` is not a valid name in `data`: use letters, digits and underscores, starting with a letter',
  );
  assert.ok(!messages(outcome).some((m) => m.includes('constructor')));
});

test('a relative data path may not leave the project, an absolute one may', async () => {
  const escaping = await load(
    'escape.yaml',
    'name: x\ndata:\n  d: { source: idx, path: ../../etc }\nstages:\n  ae: { type: autoencoder, input: d }\n',
  );
  assert.deepEqual(messages(escaping), ['`../../etc` leads outside the project folder']);
  const absolute = await load(
    'absolute.yaml',
    `name: x\ndata:\n  d: { source: idx, path: ${path.join(dir, 'nowhere')} }\nstages:\n  ae: { type: autoencoder, input: d }\n`,
  );
  assert.deepEqual(messages(absolute), [`data set \`d\`: \`${path.join(dir, 'nowhere')}\` does not exist`]);
});
