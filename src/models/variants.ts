/**
 * The table of autoencoder variants: what each reads, its defaults, its layers and its checks.
 * Pure data and arithmetic (no TensorFlow.js), so that `validate` and `plan` ask it without
 * loading a model; build.ts builds from the `architecture` it names. A new variant is one entry
 * here (or one `registerVariant` call); README.md's "Adding an autoencoder variant" says the rest.
 */
import type { AutoencoderStageConfig } from '../types/experiment-config.js';
import { AUTOENCODER_DEFAULTS as D } from './defaults.js';
import type { AutoencoderSpec, NoiseSpec } from './types.js';

/** Settings of a stage that only some variants read: setting one on another variant warns. */
export type VariantSetting = 'noise' | 'sparsity' | 'contractive_weight' | 'filters' | 'kl_weight';

/**
 * The layers a variant trains: mirrored dense layers, conv blocks with an image-shaped code, or
 * dense layers with a sampled code (the VAE, whose encoder outputs a mean and a log-variance).
 */
export type Architecture = 'dense' | 'convolutional' | 'variational';

/** Settings a variant's objective needs, defaults resolved: saved with the model. */
export interface ResolvedSettings {
  readonly noise?: NoiseSpec;
  readonly sparsity?: AutoencoderSpec['sparsity'];
  readonly contractiveWeight?: number;
  readonly klWeight?: number;
}

/** A problem with a stage or a spec, where it is (the stage key) and what to do. */
export interface VariantProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly key: string;
  readonly target: 'key' | 'value';
  readonly hint?: string;
}

/** What a check sees: a stage as written (possibly invalid) or a spec. */
export type Checked = { readonly [K in 'latent' | 'hidden' | 'activation' | VariantSetting]?: unknown };

export interface VariantDefinition {
  readonly name: string;
  readonly architecture: Architecture;
  /** The variant-only settings it reads. */
  readonly settings: readonly VariantSetting[];
  /** Its hidden dense layers when `hidden` is absent or empty. */
  readonly defaultHidden?: readonly number[];
  /** Its own settings of the model spec, defaults filled in: the one place they are. */
  spec(c: AutoencoderStageConfig): Partial<AutoencoderSpec>;
  /** What its training objective needs from a spec. */
  resolved(spec: AutoencoderSpec): ResolvedSettings;
  /** Its own checks, on a stage (by `validate`) and on a spec (by the builder). */
  check?(stage: Checked, inputValues: number | undefined): VariantProblem[];
}

const noiseOf = (c: AutoencoderStageConfig): NoiseSpec => ({
  kind: c.noise?.kind ?? D.noise.kind,
  amount: c.noise?.amount ?? D.noise.amount,
});

/** The L1 weight of a sparse autoencoder that says `kind: l1` without a weight. */
const L1_WEIGHT = D.sparsity.kind === 'l1' ? D.sparsity.weight : 1e-4;

const sparsityOf = (c: AutoencoderStageConfig): NonNullable<AutoencoderSpec['sparsity']> =>
  c.sparsity?.kind === 'kl'
    ? { kind: 'kl', rho: c.sparsity.rho, beta: c.sparsity.beta }
    : { kind: 'l1', weight: c.sparsity?.weight ?? L1_WEIGHT };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** KL sparsity compares mean activations with rho, which needs a code in (0, 1). */
export function checkSparsity(stage: Checked): VariantProblem[] {
  if (!isObject(stage.sparsity) || stage.sparsity.kind !== 'kl' || stage.activation === 'sigmoid') return [];
  return [
    {
      severity: 'error',
      message: `KL sparsity compares mean code activations with \`rho\`, so the code must be sigmoid; this stage's activation is \`${String(stage.activation)}\``,
      key: 'sparsity',
      target: 'key',
      hint: 'set `activation: sigmoid`, or use `kind: l1`',
    },
  ];
}

const none = (): ResolvedSettings => ({});

const BUILT_IN: readonly VariantDefinition[] = [
  {
    name: 'undercomplete',
    architecture: 'dense',
    settings: [],
    spec: () => ({}),
    resolved: none,
    check(stage, inputValues) {
      const latent = stage.latent;
      if (inputValues === undefined || typeof latent !== 'number' || latent < inputValues) return [];
      return [
        {
          severity: 'warning',
          message: `latent size ${latent} is not smaller than the input (${inputValues} values): an undercomplete autoencoder can learn the identity`,
          key: 'latent',
          target: 'value',
        },
      ];
    },
  },
  {
    name: 'denoising',
    architecture: 'dense',
    settings: ['noise'],
    spec: (c) => ({ noise: noiseOf(c) }),
    resolved: (s) => ({ noise: s.noise ?? D.noise }),
  },
  {
    name: 'sparse',
    architecture: 'dense',
    settings: ['sparsity'],
    spec: (c) => ({ sparsity: sparsityOf(c) }),
    resolved: (s) => ({ sparsity: s.sparsity ?? D.sparsity }),
    check: checkSparsity,
  },
  {
    name: 'deep',
    architecture: 'dense',
    settings: [],
    defaultHidden: D.deepHidden,
    spec: () => ({}),
    resolved: none,
  },
  {
    name: 'contractive',
    architecture: 'dense',
    settings: ['contractive_weight'],
    spec: (c) => ({ contractive_weight: c.contractive_weight ?? D.contractiveWeight }),
    resolved: (s) => ({ contractiveWeight: s.contractive_weight ?? D.contractiveWeight }),
    check(stage) {
      if (!Array.isArray(stage.hidden) || stage.hidden.length === 0) return [];
      return [
        {
          severity: 'error',
          message:
            'the contractive penalty is computed in closed form for one dense encoder layer; a contractive autoencoder takes no `hidden` layers',
          key: 'hidden',
          target: 'key',
          hint: 'remove `hidden`, or use the `deep` variant',
        },
      ];
    },
  },
  {
    name: 'convolutional',
    architecture: 'convolutional',
    // A convolutional autoencoder denoises when given noise (the keras.io conv denoising example).
    settings: ['filters', 'noise'],
    spec: (c) => ({ ...(c.noise ? { noise: noiseOf(c) } : {}), filters: c.filters ?? [...D.filters] }),
    resolved: (s) => (s.noise ? { noise: s.noise } : {}),
  },
  {
    name: 'variational',
    architecture: 'variational',
    settings: ['kl_weight'],
    spec: (c) => ({ kl_weight: c.kl_weight ?? D.klWeight }),
    resolved: (s) => ({ klWeight: s.kl_weight ?? D.klWeight }),
  },
];

const table = new Map<string, VariantDefinition>(BUILT_IN.map((v) => [v.name, v]));

/** The variant a stage without one gets (the schema's default). */
export const DEFAULT_VARIANT = 'undercomplete';

/** Adds a variant to the table; its name must also be in the schema's `variant` enum to be written in a file. */
export function registerVariant(v: VariantDefinition): void {
  if (table.has(v.name)) throw new Error(`autoencoder variant \`${v.name}\` is already registered`);
  table.set(v.name, v);
}

/** The variant of that name, or undefined for a name no one registered. */
export function findVariant(name: unknown): VariantDefinition | undefined {
  return table.get(typeof name === 'string' ? name : DEFAULT_VARIANT);
}

/** The variant of that name; throws for an unknown name (a validated stage or spec has a known one). */
export function variantOf(name: string): VariantDefinition {
  const v = table.get(name);
  if (!v) throw new Error(`unknown autoencoder variant \`${name}\``);
  return v;
}

/** Every registered variant's name. */
export const variantNames = (): string[] => [...table.keys()];

/** The hidden dense layers a variant trains: those written, or its default when none are. */
export function hiddenLayers(v: VariantDefinition, hidden: readonly number[] | undefined): readonly number[] {
  return hidden && hidden.length > 0 ? hidden : (v.defaultHidden ?? []);
}

/** Encoder channels of a convolutional variant: `filters` with the innermost set to `latent`. */
export function convChannels(filters: readonly number[] | undefined, latent: number): number[] {
  return [...(filters ?? D.filters).slice(0, -1), latent];
}

/** Height or width after `blocks` 2x2 'same' max-pools (odd sizes round up). */
export const pooled = (size: number, blocks: number): number => {
  for (let i = 0; i < blocks; i++) size = Math.ceil(size / 2);
  return size;
};

/** The code of a convolutional encoder over [h, w, c] images: the one place it is computed. */
export function convCodeShape(imageShape: readonly number[], channels: readonly number[]): [number, number, number] {
  const n = channels.length;
  return [pooled(imageShape[0]!, n), pooled(imageShape[1]!, n), channels[n - 1]!];
}
