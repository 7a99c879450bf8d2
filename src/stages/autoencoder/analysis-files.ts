/**
 * The files the autoencoder's analyses write into its stage folder (analysis.ts and
 * analysis-figures.ts write them, the report reads them), with the captions the report gives them.
 */
export const ANALYSIS_FILE = 'analysis.json';
export const LATENT_MAP_FILE = 'latent-map.png';
export const MANIFOLD_FILE = 'manifold.png';
export const INTERPOLATION_FILE = 'interpolation.png';
export const RECONSTRUCTION_ERROR_FILE = 'reconstruction-error.png';
export const WORST_RECONSTRUCTED_FILE = 'worst-reconstructed.png';

/** The pictures in the order the report shows them, with their captions (and the image alt text). */
export const ANALYSIS_PICTURES: readonly { file: string; caption: string; pixelated?: boolean; scale?: number }[] = [
  { file: LATENT_MAP_FILE, caption: 'the test codes in two dimensions, coloured by digit', scale: 1.5 },
  { file: MANIFOLD_FILE, caption: 'the digit manifold: digits decoded across the latent space' },
  {
    file: INTERPOLATION_FILE,
    caption: 'interpolation: decodings on the line between two test digits of different classes',
  },
  { file: RECONSTRUCTION_ERROR_FILE, caption: 'reconstruction error per digit, with 95% intervals', scale: 1.5 },
  {
    file: WORST_RECONSTRUCTED_FILE,
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
