/** The `autoencoder` stage type: everything but its training code (run.ts, loaded when a run needs it). */
import type { AutoencoderStageConfig } from '../../types/experiment-config.js';
import { AUTOENCODER_DEFAULTS } from '../../models/defaults.js';
import { formatSetting } from '../../util/format-setting.js';
import { has, type Json } from '../../util/json.js';
import { isCount, size, type Flow, type SettingCheck, type Shape, type StageDefinition } from '../definition.js';
import { convNet, counts, denseNet } from '../net-size.js';
import { describeTraining, trainAsUsed } from '../train.js';
import { autoencoderSpec } from './spec.js';
import { FIGURE, MODEL } from '../artifacts.js';
import { ANALYSIS_PICTURES, AUTOENCODER_ANALYSES } from './analysis-files.js';
import {
  convChannels,
  convCodeShape,
  DEFAULT_VARIANT,
  findVariant,
  hiddenLayers,
  variantNames,
  variantOf,
  type VariantSetting,
} from '../../models/variants.js';

/** The settings that only some variants read. */
const SETTINGS: readonly VariantSetting[] = ['noise', 'sparsity', 'contractive_weight', 'kl_weight', 'filters'];

/** The size of `latent` the memory estimate assumes when the file's is unusable. */
const ASSUMED_LATENT = 32;

/** The code of an autoencoder: a vector for dense variants, a feature map for convolutional. */
export function codeShape(stage: Json, input: Shape): Shape | undefined {
  const variant = findVariant(stage.variant);
  if (!isCount(stage.latent) || !variant) return undefined;
  if (variant.architecture !== 'convolutional') return [stage.latent];
  const filters = Array.isArray(stage.filters) ? (stage.filters as number[]) : undefined;
  return input.length === 3 ? convCodeShape(input, convChannels(filters, stage.latent)) : undefined;
}

function check(stage: Json, input: Flow | undefined): SettingCheck[] {
  const variant = findVariant(stage.variant);
  if (!variant) return []; // the schema names the variants a file may use
  const out: SettingCheck[] = [];
  if (variant.architecture === 'convolutional' && input !== undefined && input.shape.length === 1) {
    out.push({
      severity: 'error',
      message: `a convolutional autoencoder needs images, but \`${String(stage.input)}\` are flat vectors of ${input.shape[0]} values`,
      key: 'input',
      target: 'value',
      hint: 'use a dense variant, or feed it a data set or reconstructions',
    });
  }
  // Limits of the model builders, checked here so they cost no training time to discover.
  out.push(...(variant.check?.(stage, input && size(input.shape)) ?? []));
  // A setting is named after the first variant that reads it (noise: denoising, not convolutional).
  const home = (key: VariantSetting) => variantNames().find((n) => variantOf(n).settings.includes(key));
  for (const key of SETTINGS) {
    if (has(stage, key) && !variant.settings.includes(key) && typeof stage.variant === 'string') {
      out.push({
        severity: 'warning',
        message: `\`${key}\` only applies to the \`${home(key)}\` variant; this stage is \`${stage.variant}\``,
        key,
        target: 'key',
      });
    }
  }
  return out;
}

function describe(ae: AutoencoderStageConfig): string {
  const parts = [`latent ${ae.latent}`];
  if (ae.hidden?.length) parts.push(`hidden ${ae.hidden.join('-')}`);
  if (ae.filters?.length) parts.push(`filters ${ae.filters.join('-')}`);
  if (ae.noise && Object.keys(ae.noise).length)
    parts.push(
      `noise ${Object.entries(ae.noise)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')}`,
    );
  if (ae.sparsity) parts.push(`${ae.sparsity.kind} sparsity ${formatSetting(ae.sparsity.weight)}`);
  if (ae.contractive_weight !== undefined) parts.push(`contractive weight ${formatSetting(ae.contractive_weight)}`);
  if (ae.kl_weight !== undefined) parts.push(`KL weight ${formatSetting(ae.kl_weight)}`);
  return `${ae.variant ?? ''} autoencoder, ${parts.join(', ')}`.trim();
}

/** The settings whose default depends on the variant, as the model spec fills them in. */
function asTrained(c: AutoencoderStageConfig): AutoencoderStageConfig {
  const spec = autoencoderSpec(c);
  return {
    ...c,
    ...(spec.hidden.length ? { hidden: spec.hidden } : {}),
    ...(spec.noise ? { noise: spec.noise } : {}),
    ...(spec.sparsity && !c.sparsity ? { sparsity: { ...spec.sparsity } as AutoencoderStageConfig['sparsity'] } : {}),
    ...(spec.contractive_weight !== undefined ? { contractive_weight: spec.contractive_weight } : {}),
    ...(spec.filters ? { filters: spec.filters } : {}),
    ...(spec.kl_weight !== undefined ? { kl_weight: spec.kl_weight } : {}),
    train: trainAsUsed(c.train),
  };
}

export const autoencoder: StageDefinition<AutoencoderStageConfig> = {
  type: 'autoencoder',
  outputs: { reconstructions: 'images', codes: 'images', model: 'model' },
  references: [{ key: 'input', kind: 'images' }],
  artifacts: {
    model: MODEL,
    figure: FIGURE,
    ...Object.fromEntries(AUTOENCODER_ANALYSES.flatMap((a) => a.artifacts.map((f) => [f.file, f]))),
  },
  analyses: AUTOENCODER_ANALYSES,
  headline: { metric: 'test_loss', maximize: false },
  // A sweep is judged by its autoencoder only when no classifier reads a stage's output.
  objectiveClaim: () => 1,
  modelKind: 'autoencoder',
  report: {
    role: 'reconstruction',
    pictures: [
      { file: FIGURE.file, caption: 'ten test images, their codes and their reconstructions', pixelated: true },
      ...ANALYSIS_PICTURES,
    ],
  },
  subject: (c, name) => `The ${c.variant ? `${c.variant} ` : ''}autoencoder ${name} (latent ${c.latent})`,
  outputFlow(stage, output, flowOf) {
    const input = flowOf(stage.input);
    if (!input) return undefined;
    if (output === 'reconstructions') return input;
    if (output === 'codes') {
      const shape = codeShape(stage, input.shape);
      return shape ? { shape, dataset: input.dataset } : undefined;
    }
    return undefined;
  },
  net(stage, input) {
    const variant = findVariant(stage.variant) ?? variantOf(DEFAULT_VARIANT);
    const latent = isCount(stage.latent) ? stage.latent : ASSUMED_LATENT;
    const outputValues = size(input) + size(codeShape(stage, input) ?? [0]);
    if (variant.architecture === 'convolutional' && input.length === 3) {
      const chain = [input[2]!, ...counts(stage.filters, AUTOENCODER_DEFAULTS.filters), latent];
      const half = convNet(chain, input[0]!, input[1]!);
      return { params: half.params * 2, activations: half.activations * 2, outputValues };
    }
    const hidden = counts(stage.hidden, hiddenLayers(variant, undefined));
    // A variational encoder outputs a mean and a log-variance per code unit.
    const code = variant.architecture === 'variational' ? latent * 2 : latent;
    return { ...denseNet([size(input), ...hidden, code, ...[...hidden].reverse(), size(input)]), outputValues };
  },
  check,
  planLabel: (c) => `autoencoder (${c.variant}, latent ${c.latent}, ${c.train.epochs} epochs)`,
  describe,
  training: (c) => describeTraining(c.train, true),
  asTrained,
  load: async () => (await import('./run.js')).autoencoderStage,
};
