/** Pictures a run writes: image grids (PNG) and charts (vega-lite -> SVG -> PNG), plus the metrics behind them. */
export { codeToImage, layoutImageRows, nearSquare, renderImageRows, valueRange } from './image-grid.js';
export type { GridImage, GridLayout, GridOptions, ImageRow } from './image-grid.js';
export { autoencoderFigure, autoencoderRows, labelledImageRows } from './autoencoder-figure.js';
export type { AutoencoderFigureOptions, LabelledRows, LabelledRowsOptions } from './autoencoder-figure.js';
export { confusionMatrixChart, lossCurvesChart, sweepChart } from './charts.js';
export type { Chart, Series, SweepPoint } from './charts.js';
export { toPng, vegaLiteToSvg, offlineLoader } from './vega-render.js';
export type { PngOptions } from './vega-render.js';
export { accuracy, confusionMatrix, perClassScores, precision, recall } from './metrics.js';
export type { ClassScores } from './metrics.js';
export { bundledFontFiles, CHART_FONT_FAMILY } from './fonts.js';
export { imageGridOnAxes, imageRowsFigure } from './image-figure.js';
export type { AxesFigureOptions, ImageFigureOptions } from './image-figure.js';
export { latentMapFigure } from './latent-map.js';
export type { MapPanel } from './latent-map.js';
export { classBarsChart } from './class-charts.js';
export type { ClassBar } from './class-charts.js';
