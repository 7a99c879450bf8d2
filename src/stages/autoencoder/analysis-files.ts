/**
 * The autoencoder's analyses as its definition declares them: the files they write into its stage
 * folder (analysis.ts and analysis-figures.ts write them, the report reads them through these
 * constants), the metrics they add, and the pictures the report shows. No dependencies: the
 * definition and the report load this without TensorFlow.js.
 */
import type { AnalysisDeclaration, Artifact, ReportPicture } from '../definition.js';

export const ANALYSIS: Artifact = {
  file: 'analysis.json',
  holds: 'probe and kNN accuracy with intervals, reconstruction error per digit, times',
};
export const LATENT_MAP: Artifact = {
  file: 'latent-map.png',
  holds: 'the test codes in 2-D (PCA and UMAP), coloured by digit',
};
export const MANIFOLD: Artifact = { file: 'manifold.png', holds: 'the digit manifold of a variational AE' };
export const INTERPOLATION: Artifact = {
  file: 'interpolation.png',
  holds: 'decodings on the line between two test codes',
};
export const RECONSTRUCTION_ERROR: Artifact = {
  file: 'reconstruction-error.png',
  holds: 'reconstruction error per digit',
};
export const WORST_RECONSTRUCTED: Artifact = {
  file: 'worst-reconstructed.png',
  holds: 'the worst-reconstructed test digits per class',
};

export const ANALYSIS_FILE = ANALYSIS.file;
export const LATENT_MAP_FILE = LATENT_MAP.file;
export const MANIFOLD_FILE = MANIFOLD.file;
export const INTERPOLATION_FILE = INTERPOLATION.file;
export const RECONSTRUCTION_ERROR_FILE = RECONSTRUCTION_ERROR.file;
export const WORST_RECONSTRUCTED_FILE = WORST_RECONSTRUCTED.file;

/** What runs after the autoencoder trains, on its test split (run.ts calls analysis.ts). */
export const AUTOENCODER_ANALYSES: readonly AnalysisDeclaration[] = [
  {
    name: 'probes',
    what: 'linear probe and 5-NN accuracy of the test codes',
    metrics: ['probe_acc', 'knn_acc'],
    artifacts: [ANALYSIS],
  },
  { name: 'latent map', what: 'the test codes in two dimensions', metrics: [], artifacts: [LATENT_MAP] },
  {
    name: 'reconstruction error',
    what: 'error per digit and the worst digits',
    metrics: ['recon_mse'],
    artifacts: [RECONSTRUCTION_ERROR, WORST_RECONSTRUCTED],
  },
  { name: 'interpolation', what: 'decodings between two test digits', metrics: [], artifacts: [INTERPOLATION] },
  { name: 'manifold', what: 'the digit manifold (variational AE only)', metrics: [], artifacts: [MANIFOLD] },
];

/** The pictures in the order the report shows them after the seed's figure, with their captions (also the image alt text). */
export const ANALYSIS_PICTURES: readonly ReportPicture[] = [
  { file: LATENT_MAP.file, caption: 'the test codes in two dimensions, coloured by digit', scale: 1.5 },
  { file: MANIFOLD.file, caption: 'the digit manifold: digits decoded across the latent space' },
  {
    file: INTERPOLATION.file,
    caption: 'interpolation: decodings on the line between two test digits of different classes',
  },
  { file: RECONSTRUCTION_ERROR.file, caption: 'reconstruction error per digit, with 95% intervals', scale: 1.5 },
  {
    file: WORST_RECONSTRUCTED.file,
    caption: 'the worst-reconstructed test digits of each class, original beside reconstruction',
  },
];

/** What analysis.json holds (the parts the report reads). */
export interface AnalysisRecord {
  readonly split?: { readonly train: number; readonly test: number };
  readonly probe?: {
    readonly accuracy: number;
    readonly interval95: readonly [number, number];
    readonly method: string;
  };
  readonly knn?: {
    readonly accuracy: number;
    readonly interval95: readonly [number, number];
    readonly k: number;
    readonly method: string;
  };
  readonly seconds?: Readonly<Record<string, number>>;
}
