/**
 * The names of the files stages write into their stage folders: the stage's run.ts writes them
 * and the report reads them, both through these constants (and each definition lists the ones
 * its stage writes in `artifacts`). What the JSON files hold is in src/types/stage-files.ts.
 */
import type { Artifact } from './definition.js';

/** Ten test images, their codes and their reconstructions (an autoencoder, or an evaluation of one). */
export const FIGURE: Artifact = { file: 'figure.png', holds: 'ten test images, their codes and reconstructions' };
/** A classifier's confusion matrix on the test split, as a picture. */
export const CONFUSION: Artifact = { file: 'confusion.png', holds: 'the confusion matrix on the test split' };
/** A classifier's test metrics, confusion matrix and per-class precision and recall (`Evaluation`). */
export const EVALUATION: Artifact = { file: 'evaluation.json', holds: 'test metrics and per-class scores' };
/** A classifier's label and prediction of each test image, in test-set order (`Predictions`). */
export const PREDICTIONS: Artifact = { file: 'predictions.json', holds: 'label and prediction of each test image' };
/** A trained model, in TensorFlow.js' layers format. */
export const MODEL: Artifact = { file: 'model', holds: 'the trained model (TensorFlow.js layers format)' };
