import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { runCli } from '../support/cli.js';
import { TINY_EXPERIMENT, writeExperiment } from '../support/experiment-file.js';

async function onlyRun(dir: string): Promise<string> {
  const runs = (await readdir(path.join(dir, 'runs'))).filter((r) => !r.startsWith('.'));
  assert.equal(runs.length, 1, `one run folder, got ${runs.join(', ')}`);
  return path.join(dir, 'runs', runs[0]!);
}

const json = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

test('one YAML file in, one complete run folder out: config, params, metrics per epoch, models, pictures, report', async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT, 'tiny.yaml');
  const result = await runCli(['run', 'tiny.yaml'], dir);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /^backend: (wasm|tensorflow|cpu)/m);
  assert.match(result.stdout, /^ae epoch 2\/2 loss=/m, 'plain one-line-per-epoch progress when not on a terminal');
  const run = await onlyRun(dir);

  const record = await json<{
    status: string;
    seed: number;
    start_time: string;
    end_time: string;
    environment: { backend: string; tfjs: string; aelab: string; node: string };
    stages: Record<string, { status: string; metrics: Record<string, number> }>;
  }>(path.join(run, 'run.json'));
  assert.equal(record.status, 'finished');
  assert.equal(record.seed, 7);
  assert.ok(Date.parse(record.end_time) >= Date.parse(record.start_time));
  assert.match(record.environment.backend, /^(wasm|tensorflow|cpu)$/);
  assert.equal(record.environment.tfjs, '4.22.0');
  assert.deepEqual(Object.keys(record.stages).sort(), ['ae', 'cnn', 'cnn_raw']);
  for (const stage of Object.values(record.stages)) assert.equal(stage.status, 'finished');
  assert.ok(record.stages.ae!.metrics.test_loss! > 0 && record.stages.ae!.metrics.test_loss! < 0.7);
  for (const clf of ['cnn', 'cnn_raw']) {
    const acc = record.stages[clf]!.metrics.test_acc!;
    assert.ok(acc >= 0 && acc <= 1, `${clf} accuracy ${acc}`);
  }

  const config = await json<{ stages: { ae: { train: { shuffle: boolean; loss: string } } } }>(
    path.join(run, 'config.json'),
  );
  assert.equal(config.stages.ae.train.shuffle, true, 'the resolved config has defaults filled in');
  assert.equal(config.stages.ae.train.loss, 'binary_crossentropy');
  const params = await json<Record<string, unknown>>(path.join(run, 'params.json'));
  assert.equal(params['stages.ae.latent'], 16);
  assert.equal(params['data.digits.train'], 300);

  const lines = (await readFile(path.join(run, 'metrics.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { stage: string; key: string; step: number; value: number });
  const series = (stage: string, key: string) =>
    lines.filter((l) => l.stage === stage && l.key === key).map((l) => l.step);
  assert.deepEqual(series('ae', 'loss'), [1, 2]);
  assert.deepEqual(series('ae', 'val_loss'), [1, 2]);
  assert.deepEqual(series('cnn_raw', 'acc'), [1, 2]);
  assert.deepEqual(series('cnn_raw', 'val_acc'), [1, 2]);
  const aeLoss = lines.filter((l) => l.stage === 'ae' && l.key === 'loss').map((l) => l.value);
  assert.ok(aeLoss[1]! < aeLoss[0]!, `autoencoder loss falls: ${aeLoss.join(' -> ')}`);

  for (const stage of ['ae', 'cnn', 'cnn_raw'])
    assert.ok(existsSync(path.join(run, 'stages', stage, 'model')), `${stage} saved its model`);
  const figure = PNG.sync.read(await readFile(path.join(run, 'stages', 'ae', 'figure.png')));
  assert.ok(
    figure.width > figure.height && figure.height > 3 * 28,
    `figure is three rows of ten: ${figure.width}x${figure.height}`,
  );
  const confusion = PNG.sync.read(await readFile(path.join(run, 'stages', 'cnn', 'confusion.png')));
  assert.ok(confusion.width > 100 && confusion.height > 100);
  const evaluation = await json<{ confusion_matrix: number[][]; test_acc: number }>(
    path.join(run, 'stages', 'cnn', 'evaluation.json'),
  );
  assert.equal(
    evaluation.confusion_matrix.flat().reduce((a, b) => a + b, 0),
    100,
    'the confusion matrix counts every test image',
  );
  const diagonal = evaluation.confusion_matrix.reduce((a, row, i) => a + row[i]!, 0);
  assert.ok(Math.abs(diagonal / 100 - evaluation.test_acc) < 1e-6, 'its diagonal is the accuracy');
  assert.ok(existsSync(path.join(run, 'report.html')), 'the run has its report');

  // Rerunning the unchanged experiment trains nothing: every stage comes from the cache.
  const again = await runCli(['run', 'tiny.yaml'], dir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((again.stdout.match(/^\s+\S+\s+finished \(cached\)/gm) ?? []).length, 3, again.stdout);
  assert.doesNotMatch(again.stdout, /epoch \d+\/\d+/, 'nothing was trained, so no epoch is shown');
  const rerun = (await readdir(path.join(dir, 'runs'))).filter((r) => !r.startsWith('.')).sort()[1]!;
  const replayed = (await readFile(path.join(dir, 'runs', rerun, 'metrics.jsonl'), 'utf8')).trim().split('\n');
  assert.equal(replayed.length, lines.length, "the cached run's folder still holds every epoch's metrics");
});

test('an invalid experiment file prints where and what, exits non-zero, and writes nothing', async () => {
  const { dir } = await writeExperiment(TINY_EXPERIMENT.replace('latent: 16', 'latnet: 16'), 'bad.yaml');
  const result = await runCli(['run', 'bad.yaml'], dir);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^bad\.yaml:9:5: error: unknown key `latnet` in `stages\.ae`/m);
  assert.match(result.stderr, /did you mean `latent`\?/);
  assert.equal(existsSync(path.join(dir, 'runs')), false, 'no runs/ folder was created');
});
