/**
 * The variational autoencoder (Kingma & Welling; the Keras example's MLP VAE): the encoder
 * outputs z_mean and z_log_var, a code is drawn as z = mean + exp(0.5 log_var) * eps, and the
 * loss is the reconstruction term plus kl_weight times KL(q(z|x) || N(0, I)).
 *
 * Scale: the ELBO sums the reconstruction over pixels; here the whole objective is divided by the
 * number of pixels, so `loss` is per pixel and `reconstruction` compares directly with the other
 * variants, while the balance between the two terms is that of the summed ELBO. `kl` is logged
 * per sample (nats). The sampling is not a layer: the saved encoder is a plain two-output model.
 */
import * as tf from '@tensorflow/tfjs';
import { LayersAutoencoder } from './autoencoder.js';
import { seededInitializers } from './init.js';
import { gaussianKl, reconstructionSumPerSample } from './losses.js';
import type { StepResult } from './train-loop.js';
import type { Activation, Autoencoder, LossName, Samples } from './types.js';

export interface VaeLayout {
  readonly inputSize: number;
  readonly hidden: readonly number[];
  readonly latent: number;
  readonly activation: Activation;
}

/** Encoder [inputSize] -> [z_mean, z_log_var], both [latent] and linear. */
export function buildVaeEncoder(l: VaeLayout, seed: number): tf.LayersModel {
  const init = seededInitializers(seed, 1);
  const input = tf.input({ shape: [l.inputSize] });
  let h: tf.SymbolicTensor = input;
  for (const units of l.hidden) {
    h = tf.layers.dense({ units, activation: l.activation, kernelInitializer: init() }).apply(h) as tf.SymbolicTensor;
  }
  const mean = tf.layers.dense({ units: l.latent, kernelInitializer: init() }).apply(h) as tf.SymbolicTensor;
  const logVar = tf.layers.dense({ units: l.latent, kernelInitializer: init() }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [mean, logVar], name: 'encoder' });
}

export class VariationalAutoencoder extends LayersAutoencoder {
  private get klWeight(): number {
    return this.settings.klWeight ?? 1;
  }

  private meanAndLogVar(x: tf.Tensor, training: boolean): [tf.Tensor2D, tf.Tensor2D] {
    const [mean, logVar] = this.encoder.apply(x, { training }) as tf.Tensor[];
    return [mean as tf.Tensor2D, logVar as tf.Tensor2D];
  }

  /** Codes, reconstructions and evaluation go through z_mean: deterministic. */
  protected override encodeTensor(x: tf.Tensor, training: boolean): tf.Tensor {
    return this.meanAndLogVar(x, training)[0];
  }

  override objective(x: tf.Tensor, seed: number, training: boolean, loss: LossName): StepResult {
    const [mean, logVar] = this.meanAndLogVar(x, training);
    const eps = tf.randomNormal(mean.shape, 0, 1, 'float32', seed);
    const z = tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps));
    const recon = this.decodeForLoss(z, training);
    const pixels = x.size / x.shape[0]!;
    const recSum = reconstructionSumPerSample(loss, x, recon);
    const kl = gaussianKl(mean, logVar);
    const total = tf.div(tf.mean(tf.add(recSum, tf.mul(this.klWeight, kl))), pixels) as tf.Scalar;
    return { loss: total, extras: { reconstruction: tf.div(tf.mean(recSum), pixels) as tf.Scalar, kl: tf.mean(kl) } };
  }

  /** n images decoded from codes drawn from the prior N(0, I); the same seed gives the same images. */
  async sample(n: number, seed: number): Promise<Samples> {
    const z = tf.randomNormal([n, this.spec.latent], 0, 1, 'float32', seed);
    try {
      return await this.decodeAll(z);
    } finally {
      z.dispose();
    }
  }

  /**
   * For a 2-d latent: k*k images decoded from a grid over the quantiles 0.05..0.95 of N(0, 1) on
   * each axis (the Keras example's manifold picture), row-major, z2 decreasing down the rows and
   * z1 increasing along them. Calling it on another latent size is a caller bug.
   */
  async decodeGrid(k: number): Promise<Samples> {
    if (this.spec.latent !== 2) throw new Error(`decodeGrid needs a 2-d latent, this VAE has ${this.spec.latent}`);
    if (!Number.isInteger(k) || k < 1) throw new Error(`decodeGrid needs a positive integer k, got ${k}`);
    const q = Array.from({ length: k }, (_, i) => normalQuantile(k === 1 ? 0.5 : 0.05 + (0.9 * i) / (k - 1)));
    const z = new Float32Array(k * k * 2);
    for (let row = 0; row < k; row++) {
      for (let col = 0; col < k; col++) {
        z[(row * k + col) * 2] = q[col]!;
        z[(row * k + col) * 2 + 1] = q[k - 1 - row]!;
      }
    }
    const codes = tf.tensor2d(z, [k * k, 2]);
    try {
      return await this.decodeAll(codes);
    } finally {
      codes.dispose();
    }
  }
}

export function isVariational(ae: Autoencoder): ae is VariationalAutoencoder {
  return ae instanceof VariationalAutoencoder;
}

/**
 * Inverse CDF of N(0, 1) (Acklam's rational approximation, relative error below 1.2e-9), for
 * p in (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
