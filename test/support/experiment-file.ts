import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Writes an experiment file into a fresh temp folder and returns its path and folder. */
export async function writeExperiment(yaml: string, name = 'experiment.yaml'): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aelab-test-'));
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return { dir, file };
}

/** A tiny but complete experiment: a few hundred digits, one epoch per stage. */
export const TINY_EXPERIMENT = `name: tiny
seed: 7
data:
  digits: { source: mnist, train: 300, test: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 16
    train: { epochs: 2, batch_size: 64, optimizer: { name: adam, learning_rate: 0.003 } }
  cnn:
    type: classifier
    input: ae.reconstructions
    filters: [4, 8]
    dense: [32]
    train: { epochs: 1, batch_size: 50 }
  cnn_raw:
    type: classifier
    input: digits
    arch: dense
    dense: [32]
    train: { epochs: 2, batch_size: 50 }
`;

/** The smallest run that trains something: one dense autoencoder, one epoch on a few hundred digits. */
export function oneStageExperiment(name: string): string {
  return `name: ${name}
seed: 5
data:
  digits: { source: mnist, train: 200, test: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 4
    train: { epochs: 1, batch_size: 50 }
`;
}

/** A sweep small enough for tests: dense models only, one epoch each, a few hundred digits. */
export function tinySweep(sweep: string): string {
  return `name: tiny-sweep
seed: 3
data:
  digits: { source: mnist, train: 200, test: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
    train: { epochs: 1, batch_size: 50 }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [16]
    train: { epochs: 1, batch_size: 50 }
  clf_raw:
    type: classifier
    input: digits
    arch: dense
    dense: [16]
    train: { epochs: 1, batch_size: 50 }
sweep:
${sweep}
`;
}

/**
 * A small ASHA sweep: four learning rates, one at a time (so the scheduler hears the trials in
 * plan order), three autoencoder epochs (a rung at epoch 1). Learning rates of 1e-5 and 1e-6
 * barely move the weights in one epoch, so their validation loss at the rung is far worse than
 * that of 0.01, the first trial: they are stopped there.
 */
export const ASHA_SWEEP = `name: asha-sweep
seed: 3
data:
  digits: { source: mnist, train: 200, test: 100, validation: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
    train: { epochs: 3, batch_size: 50, optimizer: { name: adam, learning_rate: 0.01 } }
  clf:
    type: classifier
    input: ae.reconstructions
    arch: dense
    dense: [16]
    train: { epochs: 1, batch_size: 50 }
sweep:
  grid: { stages.ae.train.optimizer.learning_rate: [0.01, 0.00001, 0.000001, 0.003] }
  parallel: 1
  scheduler: { type: asha, stage: ae, metric: val_loss, mode: min, min_epochs: 1, reduction_factor: 3 }
`;
