/**
 * buildAutoencoder: from a plain spec to a trainable Autoencoder. Specs are checked by
 * validateAutoencoderSpec, which returns the problems as values so a caller (the stage) can
 * report them; buildAutoencoder throws on an invalid spec, which is then a caller bug.
 */
import { LayersAutoencoder, loadParts } from './autoencoder.js';
import { buildConvDecoder, buildConvEncoder, layoutCodeShape, type ConvLayout } from './conv.js';
import { buildDenseDecoder, buildDenseEncoder, type DenseLayout } from './dense.js';
import type { Result } from '../types/result.js';
import { mixSeeds } from '../util/random.js';
import type { Autoencoder, AutoencoderSpec } from './types.js';
import { buildVaeEncoder, VariationalAutoencoder } from './vae.js';
import { convChannels as channelsOf, findVariant, hiddenLayers, variantOf } from './variants.js';

const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Every problem with a spec for images of `imageShape`, as sentences; empty when buildable. */
export function validateAutoencoderSpec(spec: AutoencoderSpec, imageShape: readonly number[]): string[] {
  const problems: string[] = [];
  if (imageShape.length !== 3 || !imageShape.every((v) => isPosInt(v)))
    problems.push(`image shape must be [height, width, channels] of positive integers, got [${imageShape.join(', ')}]`);
  if (!isPosInt(spec.latent)) problems.push(`latent must be a positive integer, got ${spec.latent}`);
  if (!spec.hidden.every((v) => isPosInt(v)))
    problems.push(`hidden layer sizes must be positive integers, got [${spec.hidden.join(', ')}]`);
  // Checks of a setting, wherever a variant reads it (the schema keeps a file's in range too).
  const noise = spec.noise;
  if (noise) {
    if (!(Number.isFinite(noise.amount) && noise.amount >= 0))
      problems.push(`noise amount must be a number >= 0, got ${noise.amount}`);
    else if (noise.kind !== 'gaussian' && noise.amount > 1)
      problems.push(`${noise.kind} noise amount is a fraction of pixels and must be at most 1, got ${noise.amount}`);
  }
  const sp = spec.sparsity;
  if (sp?.kind === 'l1' && !(sp.weight >= 0)) problems.push(`sparsity weight must be >= 0, got ${sp.weight}`);
  if (sp?.kind === 'kl') {
    if (!(sp.rho > 0 && sp.rho < 1)) problems.push(`sparsity rho must lie strictly between 0 and 1, got ${sp.rho}`);
    if (!(sp.beta >= 0)) problems.push(`sparsity beta must be >= 0, got ${sp.beta}`);
  }
  if (spec.contractive_weight !== undefined && !(spec.contractive_weight >= 0))
    problems.push(`contractive_weight must be >= 0, got ${spec.contractive_weight}`);
  if (spec.filters !== undefined && (spec.filters.length === 0 || !spec.filters.every((v) => isPosInt(v))))
    problems.push(`filters must be a non-empty list of positive integers, got [${spec.filters.join(', ')}]`);
  if (spec.kl_weight !== undefined && !(spec.kl_weight >= 0))
    problems.push(`kl_weight must be >= 0, got ${spec.kl_weight}`);
  const variant = findVariant(spec.variant);
  if (!variant) problems.push(`unknown autoencoder variant \`${String(spec.variant)}\``);
  else for (const p of variant.check?.(spec, undefined) ?? []) if (p.severity === 'error') problems.push(p.message);
  return problems;
}

/** Encoder channels of the convolutional variant: `filters` with the innermost set to `latent`. */
export const convChannels = (spec: AutoencoderSpec): number[] => channelsOf(spec.filters, spec.latent);

/**
 * Builds an untrained autoencoder for images of `imageShape` ([h, w, c]). Dense variants take
 * flattened images ([h*w*c]); the convolutional one takes [h, w, c]. Weights are initialised
 * from `seed`. Throws on a spec that validateAutoencoderSpec rejects.
 */
export function buildAutoencoder(
  spec: AutoencoderSpec,
  imageShape: readonly [number, number, number],
  seed = 0,
): Autoencoder {
  const problems = validateAutoencoderSpec(spec, imageShape);
  if (problems.length > 0) throw new Error(`invalid autoencoder spec: ${problems.join('; ')}`);
  const variant = variantOf(spec.variant);
  const settings = variant.resolved(spec);
  const initSeed = mixSeeds(seed, 0x494e4954);
  const [h, w, c] = imageShape;
  const inputSize = h * w * c;
  if (variant.architecture === 'convolutional') {
    const layout: ConvLayout = {
      imageShape,
      channels: convChannels(spec),
      activation: spec.activation,
      outputActivation: spec.output_activation,
    };
    return new LayersAutoencoder(
      spec,
      imageShape,
      imageShape,
      layoutCodeShape(layout),
      buildConvEncoder(layout, initSeed),
      buildConvDecoder(layout, initSeed),
      settings,
    );
  }
  const hidden = hiddenLayers(variant, spec.hidden);
  const layout: DenseLayout = {
    inputSize,
    hidden,
    latent: spec.latent,
    activation: spec.activation,
    outputActivation: spec.output_activation,
  };
  const decoder = buildDenseDecoder(layout, initSeed);
  if (variant.architecture === 'variational') {
    const encoder = buildVaeEncoder({ inputSize, hidden, latent: spec.latent, activation: spec.activation }, initSeed);
    return new VariationalAutoencoder(spec, imageShape, [inputSize], [spec.latent], encoder, decoder, settings);
  }
  return new LayersAutoencoder(
    spec,
    imageShape,
    [inputSize],
    [spec.latent],
    buildDenseEncoder(layout, initSeed),
    decoder,
    settings,
  );
}

/** Loads an autoencoder written by Autoencoder.save(dir), ready to encode or train further. */
export async function loadAutoencoder(dir: string): Promise<Result<Autoencoder>> {
  const parts = await loadParts(dir);
  if (!parts.ok) return parts;
  const { manifest: m, encoder, decoder } = parts.value;
  const variant = findVariant(m.spec.variant);
  if (!variant) return { ok: false, error: `${dir}: unknown autoencoder variant \`${String(m.spec.variant)}\`` };
  const Ctor = variant.architecture === 'variational' ? VariationalAutoencoder : LayersAutoencoder;
  return { ok: true, value: new Ctor(m.spec, m.imageShape, m.inputShape, m.codeShape, encoder, decoder, m.settings) };
}
