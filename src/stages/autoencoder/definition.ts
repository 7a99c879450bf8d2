/** The `autoencoder` stage type: everything but its training code (run.ts, loaded when a run needs it). */
import type { AutoencoderStageConfig } from '../../types/experiment-config.js';
import { AUTOENCODER_DEFAULTS } from '../../models/defaults.js';
import { formatSetting } from '../../util/format-setting.js';
import { has, isObject, type Json } from '../../util/json.js';
import { isCount, size, type Flow, type SettingCheck, type Shape, type StageDefinition } from '../definition.js';
import { convNet, counts, denseNet } from '../net-size.js';
import { describeTraining, trainAsUsed } from '../train.js';
import { autoencoderSpec } from './spec.js';
import { FIGURE, MODEL } from '../artifacts.js';

/** The size of `latent` the memory estimate assumes when the file's is unusable. */
const ASSUMED_LATENT = 32;

/** Settings that only one variant reads, and that variant. */
const VARIANT_ONLY: Record<string, string> = {
  noise: 'denoising',
  sparsity: 'sparse',
  contractive_weight: 'contractive',
  kl_weight: 'variational',
  filters: 'convolutional',
};

/** The code of an autoencoder: a vector for dense variants, a feature map for convolutional. */
export function codeShape(stage: Json, input: Shape): Shape | undefined {
  if (!isCount(stage.latent)) return undefined;
  if (stage.variant !== 'convolutional') return [stage.latent];
  const blocks = Array.isArray(stage.filters) ? stage.filters.length : AUTOENCODER_DEFAULTS.filters.length;
  // Each encoder block halves height and width ('same' padding, so odd sizes round up).
  const shrink = (n: number) => Array.from({ length: blocks }).reduce<number>((s) => Math.ceil(s / 2), n);
  return input.length === 3 ? [shrink(input[0]!), shrink(input[1]!), stage.latent] : undefined;
}

function check(stage: Json, input: Flow | undefined): SettingCheck[] {
  const out: SettingCheck[] = [];
  const flat = input !== undefined && input.shape.length === 1;
  if (stage.variant === 'convolutional' && flat) {
    out.push({
      severity: 'error',
      message: `a convolutional autoencoder needs images, but \`${String(stage.input)}\` are flat vectors of ${input.shape[0]} values`,
      key: 'input',
      target: 'value',
      hint: 'use a dense variant, or feed it a data set or reconstructions',
    });
  }
  if (
    (stage.variant === 'undercomplete' || stage.variant === undefined) &&
    input &&
    isCount(stage.latent) &&
    stage.latent >= size(input.shape)
  ) {
    out.push({
      severity: 'warning',
      message: `latent size ${stage.latent} is not smaller than the input (${size(input.shape)} values): an undercomplete autoencoder can learn the identity`,
      key: 'latent',
      target: 'value',
    });
  }
  // Limits of the model builders, checked here so they cost no training time to discover.
  if (stage.variant === 'contractive' && Array.isArray(stage.hidden) && stage.hidden.length > 0) {
    out.push({
      severity: 'error',
      message:
        'the contractive penalty is computed in closed form for one dense encoder layer; a contractive autoencoder takes no `hidden` layers',
      key: 'hidden',
      target: 'key',
      hint: 'remove `hidden`, or use the `deep` variant',
    });
  }
  if (
    stage.variant === 'sparse' &&
    isObject(stage.sparsity) &&
    stage.sparsity.kind === 'kl' &&
    stage.activation !== 'sigmoid'
  ) {
    out.push({
      severity: 'error',
      message: `KL sparsity compares mean code activations with \`rho\`, so the code must be sigmoid; this stage's activation is \`${String(stage.activation)}\``,
      key: 'sparsity',
      target: 'key',
      hint: 'set `activation: sigmoid`, or use `kind: l1`',
    });
  }
  for (const [key, variant] of Object.entries(VARIANT_ONLY)) {
    if (key === 'noise' && stage.variant === 'convolutional') continue; // a convolutional denoiser
    if (has(stage, key) && stage.variant !== variant && typeof stage.variant === 'string') {
      out.push({
        severity: 'warning',
        message: `\`${key}\` only applies to the \`${variant}\` variant; this stage is \`${stage.variant}\``,
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
  artifacts: { model: MODEL, figure: FIGURE },
  headline: { metric: 'test_loss', maximize: false },
  // A sweep is judged by its autoencoder only when no classifier reads a stage's output.
  objectiveClaim: () => 1,
  modelKind: 'autoencoder',
  report: {
    role: 'reconstruction',
    pictures: [
      { file: FIGURE.file, caption: 'ten test images, their codes and their reconstructions', pixelated: true },
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
    const latent = isCount(stage.latent) ? stage.latent : ASSUMED_LATENT;
    const outputValues = size(input) + size(codeShape(stage, input) ?? [0]);
    if (stage.variant === 'convolutional' && input.length === 3) {
      const chain = [input[2]!, ...counts(stage.filters, AUTOENCODER_DEFAULTS.filters), latent];
      const half = convNet(chain, input[0]!, input[1]!);
      return { params: half.params * 2, activations: half.activations * 2, outputValues };
    }
    const hidden = counts(stage.hidden, stage.variant === 'deep' ? AUTOENCODER_DEFAULTS.deepHidden : []);
    const code = stage.variant === 'variational' ? latent * 2 : latent;
    return { ...denseNet([size(input), ...hidden, code, ...[...hidden].reverse(), size(input)]), outputValues };
  },
  check,
  planLabel: (c) => `autoencoder (${c.variant}, latent ${c.latent}, ${c.train.epochs} epochs)`,
  describe,
  training: (c) => describeTraining(c.train, true),
  asTrained,
  load: async () => (await import('./run.js')).autoencoderStage,
};
