import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExperimentConfig } from '../../src/types/experiment-config.js';
import { findings } from '../../src/report/comparison.js';
import type { StageRecord } from '../../src/run-store/index.js';

const train = {
  epochs: 1,
  batch_size: 32,
  optimizer: { name: 'adam' as const },
  loss: 'binary_crossentropy' as const,
  shuffle: true,
};
const clf = (input: string, arch: 'cnn' | 'dense') => ({
  type: 'classifier' as const,
  input,
  arch,
  filters: [8],
  dense: [16],
  dropout: 0,
  dense_dropout: 0,
  train,
});
const done = (metrics: Record<string, number>): StageRecord => ({ status: 'finished', metrics });

const config: ExperimentConfig = {
  name: 'codes',
  seed: 1,
  data: { fashion: { source: 'idx', path: 'data/fashion' }, digits: { source: 'mnist', train: 100, test: 100 } },
  stages: {
    ae: {
      type: 'autoencoder',
      input: 'fashion',
      variant: 'sparse',
      latent: 16,
      activation: 'relu',
      output_activation: 'sigmoid',
      train,
    },
    on_codes: clf('ae.codes', 'dense'),
    digits_cnn: clf('digits', 'cnn'),
    fashion_cnn: clf('fashion', 'cnn'),
    fashion_dense: clf('fashion', 'dense'),
  },
};

test('compares a classifier on codes with the classifier of the same architecture on the same raw data', () => {
  const out = findings(config, {
    ae: done({ test_loss: 0.31 }),
    on_codes: done({ test_acc: 0.8 }),
    digits_cnn: done({ test_acc: 0.99 }),
    fashion_cnn: done({ test_acc: 0.9 }),
    fashion_dense: done({ test_acc: 0.85 }),
  });
  assert.deepEqual(
    out.map((f) => f.text),
    [
      'The sparse autoencoder ae (latent 16) reached a test loss of 0.3100 (binary cross-entropy).',
      "The dense classifier on ae's codes (on_codes) reached 80.00% test accuracy against 85.00% for the dense classifier on the raw fashion (fashion_dense): -5.0 points.",
      'The CNN on the raw digits (digits_cnn) reached 99.00% test accuracy.',
      'The CNN on the raw fashion (fashion_cnn) reached 90.00% test accuracy.',
    ],
  );
  assert.equal(out[1]!.points?.toFixed(1), '-5.0');
});

test('says so when there is no classifier on raw data to compare with, or a stage did not finish', () => {
  const only: ExperimentConfig = { ...config, stages: { ae: config.stages.ae!, on_codes: config.stages.on_codes! } };
  assert.deepEqual(
    findings(only, { ae: done({ test_loss: 0.2 }), on_codes: done({ test_acc: 0.7 }) }).map((f) => f.text)[1],
    "The dense classifier on ae's codes (on_codes) reached 70.00% test accuracy; no classifier reads the data directly to compare with.",
  );
  const failed = findings(only, { ae: { status: 'failed', metrics: {}, error: 'Error: NaN loss\n  at fit' } });
  assert.deepEqual(
    failed.map((f) => [f.tone, f.text]),
    [
      ['bad', 'The sparse autoencoder ae (latent 16) failed: Error: NaN loss.'],
      ['bad', "The dense classifier on ae's codes (on_codes) did not run."],
    ],
  );
});

test('says how a classifier evaluated on noisy and denoised inputs fares against its own test accuracy', () => {
  const robustness: ExperimentConfig = {
    name: 'robustness',
    seed: 1,
    data: { digits: { source: 'mnist', train: 100, test: 100 } },
    stages: {
      cnn: clf('digits', 'cnn'),
      noisy: { type: 'transform', input: 'digits', noise: { kind: 'gaussian', amount: 0.5 } },
      on_noisy: { type: 'evaluate', model: 'cnn.model', input: 'noisy.images' },
    },
  };
  const out = findings(robustness, {
    cnn: done({ test_acc: 0.986 }),
    noisy: done({}),
    on_noisy: done({ test_acc: 0.71 }),
  });
  const sentence = out.find((f) => f.stage === 'on_noisy');
  assert.equal(
    sentence?.text,
    'cnn scored 71.00% on noisy.images (on_noisy) against 98.60% on its own test images: -27.6 points.',
  );
  assert.ok(Math.abs((sentence?.points ?? 0) + 27.6) < 1e-9);
});
