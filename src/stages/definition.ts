/**
 * What a stage type is, apart from running it: the outputs it offers, the references it reads,
 * what those outputs look like, what it costs in memory, the checks of its settings against its
 * input, and how `plan` and the report describe it. Definitions are pure (no TensorFlow.js), so
 * `aelab validate` and `aelab plan` read them without loading a model; `load` brings in the code
 * that runs the stage only when a run needs it.
 */
import type { StageConfig } from '../types/experiment-config.js';
import type { DataSourceConfig } from '../types/experiment-config.js';
import type { Json } from '../util/json.js';
import type { StageKind } from './stage.js';

export type OutputKind = 'images' | 'model';
export type Shape = readonly number[];
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
export const size = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

/** What flows along an edge, as far as validation can tell: one sample's shape and its data set. */
export interface Flow {
  readonly shape: Shape;
  /** The data set at the root of the chain, whose sample counts flow along with the images. */
  readonly dataset: string;
}

/** A key of a stage that names another node, and what it must name. */
export interface ReferenceKey {
  readonly key: string;
  readonly kind: OutputKind;
}

/** A network's size for the memory estimate. */
export interface NetSize {
  readonly params: number;
  /** Values per sample produced by all layers (what a batch keeps for backprop). */
  readonly activations: number;
  /** Values per sample of the stage's image outputs, kept for both splits. */
  readonly outputValues: number;
}

/** A problem of a stage's settings, found against the shape of its input. */
export interface SettingCheck {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The key of the stage the problem is at. */
  readonly key: string;
  readonly target: 'key' | 'value';
  readonly hint?: string;
}

/** A file a stage writes into its stage folder: its name (one constant, imported by writer and reader) and what it holds. */
export interface Artifact {
  readonly file: string;
  readonly holds: string;
}

/** The one metric that says how well a stage did, and which way is better. */
export interface Headline {
  readonly metric: string;
  readonly maximize: boolean;
}

/**
 * An analysis of a stage's outputs: it runs right after the stage, in the same trial process,
 * writes its files into the stage folder and adds its metrics to the stage's, so that it is
 * cached with the stage; reports and MLflow only read what it wrote.
 */
export interface AnalysisDeclaration {
  readonly name: string;
  readonly what: string;
  readonly metrics: readonly string[];
  readonly artifacts: readonly Artifact[];
}

/** A picture the report shows of a stage (the best trial's, in a sweep report). */
export interface ReportPicture {
  readonly file: string;
  readonly caption: string;
  readonly pixelated?: boolean;
  readonly scale?: number;
  /** Shown only when the stage's headline metric is the sweep's objective. */
  readonly onlyForObjective?: boolean;
}

/**
 * How the report's words treat a stage: `reconstruction` states its headline metric (an autoencoder's test loss); `classification`
 * sets its accuracy (`test_acc`, with `evaluation.json` and `predictions.json` as evidence) against a
 * classifier on the raw data and judges it against chance and collapse;
 * `scores-model` scores the model another stage trained (judged as that stage is).
 */
export type ReportRole = 'reconstruction' | 'classification' | 'scores-model';

/** A stage's settings as its definition sees them: the built-in types' configs, or a registered type's own. */
export interface AnyStageConfig {
  readonly type: string;
}

export interface StageDefinition<C extends AnyStageConfig = StageConfig> {
  readonly type: C['type'];
  /** The files it writes into its stage folder, by what they are (`figure`, `evaluation`...). */
  readonly artifacts?: Readonly<Record<string, Artifact>>;
  /** The analyses that run on its outputs after it (their files are among `artifacts`). */
  readonly analyses?: readonly AnalysisDeclaration[];
  /** Its headline metric: the sweep report's column and chart for it, and a candidate objective. */
  readonly headline?: Headline;
  /**
   * How strongly its headline claims a sweep's objective, given whether it reads another stage's
   * output (not a data set): the last stage of the highest claim wins; 0 or absent never does.
   */
  objectiveClaim?(readsOutput: boolean): number;
  /** The kind of model it offers as its `model` output (stored with cache entries, read by `evaluate`). */
  readonly modelKind?: string;
  /** What the report shows of it: its role in the report's words and its pictures. */
  readonly report?: { readonly role?: ReportRole; readonly pictures?: readonly ReportPicture[] };
  /** How the report's words name it: "The deep autoencoder ae (latent 32)", "CNN". */
  subject?(stage: C, name: string): string;
  /** What the stage offers to the stages after it, by output name (`<stage>.<output>`). */
  readonly outputs: Readonly<Record<string, OutputKind>>;
  /** The keys that name other nodes, in the order the runner hands their values to `run`. */
  readonly references: readonly ReferenceKey[];
  /**
   * Why a reference to `output` of this stage cannot be read although the output exists, or
   * undefined when it can (an evaluation offers reconstructions only of an autoencoder).
   */
  unavailable?(name: string, stage: Json, output: string, stages: Json): string | undefined;
  /** What `<stage>.<output>` yields, given how to follow the stage's own references. */
  outputFlow(stage: Json, output: string, flowOf: (reference: unknown) => Flow | undefined): Flow | undefined;
  /** The size of its network for the memory estimate; absent for stages that train nothing. */
  net?(stage: Json, input: Shape): NetSize;
  /** Settings that do not fit the input or each other (limits of the model builders). */
  check?(stage: Json, input: Flow | undefined): SettingCheck[];
  /** One line for `aelab plan`: "autoencoder (deep, latent 32, 50 epochs)". */
  planLabel(stage: C): string;
  /** The report's model column: "undercomplete autoencoder, latent 32". */
  describe(stage: C): string;
  /** The report's training column: "50 epochs, batch 256, adadelta (lr 1), ..."; '' when it trains nothing. */
  training(stage: C): string;
  /**
   * Its settings as it trains with them, for params and reports: defaults the code resolves (the
   * optimizer's learning rate) filled in, and a setting it ignores replaced by what it uses (a
   * classifier's loss). Absent: the settings are used as written.
   */
  asTrained?(stage: C): C;
  /** The code that runs it, loaded on first use (it needs TensorFlow.js). */
  load(): Promise<StageKind<C>>;
}

/** A kind of data source (`source:` of a data set). */
export interface DataSourceDefinition<C extends DataSourceConfig = DataSourceConfig> {
  readonly source: C['source'];
  /** Samples (train + test) it holds for certain without reading files, if it knows. */
  readonly capacity?: number;
  /** Problems with the settings as written, checked before any file is read. */
  check?(source: Json, name: string): { readonly message: string; readonly key: string; readonly hint?: string }[];
  /** The part in parentheses of `aelab plan`'s line: "mnist, train 8000, test 2000". */
  planLabel(source: C): string;
  /** The report's description: "official MNIST digits, 8000 train / 2000 test". */
  describe(source: C): string;
}
