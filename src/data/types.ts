/** The in-memory image sets the data sources produce: defined with the other stage values. */
export type { DataSplit, ImageSet } from '../types/stage-values.js';
