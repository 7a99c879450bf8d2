import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  buildAutoencoder,
  buildClassifier,
  isVariational,
  loadAutoencoder,
  loadClassifier,
  loadLayersModel,
} from '../../src/models/index.js';
import { digits, trainSpec, useCpu } from '../support/models-fixtures.js';

let dir: string;
before(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'aelab-models-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('a saved and reloaded autoencoder gives identical codes and reconstructions', async () => {
  for (const variant of ['sparse', 'variational'] as const) {
    const ae = buildAutoencoder(
      { variant, latent: 4, hidden: [16], activation: 'relu', output_activation: 'sigmoid' },
      [28, 28, 1],
      1,
    );
    const x = digits(2, 300);
    const out = join(dir, variant);
    await ae.train(digits(3), undefined, trainSpec({ batch_size: 10 }), 1);
    await ae.save(out);
    assert.deepEqual((await readdir(out)).sort(), ['autoencoder.json', 'decoder', 'encoder']);
    assert.deepEqual(
      (await readdir(join(out, 'encoder'))).sort(),
      ['model.json', 'weights.bin'],
      'no temp files left behind',
    );
    const modelJson = JSON.parse(await readFile(join(out, 'encoder', 'model.json'), 'utf8'));
    assert.equal(modelJson.format, 'layers-model');
    assert.deepEqual(modelJson.weightsManifest[0].paths, ['weights.bin']);
    const loaded = await loadAutoencoder(out);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const back = loaded.value;
    try {
      assert.equal(isVariational(back), variant === 'variational');
      assert.deepEqual(back.spec, ae.spec);
      assert.deepEqual(back.codeShape, ae.codeShape);
      assert.deepEqual((await back.encode(x)).x, (await ae.encode(x)).x);
      assert.deepEqual((await back.reconstruct(x)).x, (await ae.reconstruct(x)).x);
    } finally {
      back.dispose();
      ae.dispose();
    }
  }
});

test('a saved and reloaded classifier gives identical predictions and evaluation', async () => {
  const clf = buildClassifier({ arch: 'dense', filters: [], dense: [16], dropout: 0.1 }, [28, 28, 1], 10, 2);
  const out = join(dir, 'clf');
  try {
    await clf.train(digits(3), undefined, trainSpec({ batch_size: 10 }), 2);
    await clf.save(out);
    const loaded = await loadClassifier(out);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const x = digits(3, 400);
    assert.deepEqual(await loaded.value.predict(x), await clf.predict(x));
    assert.deepEqual(await loaded.value.evaluate(x), await clf.evaluate(x));
    loaded.value.dispose();
  } finally {
    clf.dispose();
  }
});

test('loading from a folder without a model is an error value naming the file', async () => {
  const missing = join(dir, 'nothing-here');
  const m = await loadLayersModel(missing);
  assert.equal(m.ok, false);
  assert.match(m.ok ? '' : m.error, /nothing-here.model\.json/);
  const a = await loadAutoencoder(missing);
  assert.match(a.ok ? '' : a.error, /autoencoder\.json/);
  const c = await loadClassifier(missing);
  assert.match(c.ok ? '' : c.error, /classifier\.json/);
});
