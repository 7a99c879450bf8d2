/**
 * What the files a stage writes into its stage folder hold, declared beside nothing but types so
 * that their writer (a stage's run.ts) and their readers (the report) share one declaration. The
 * file names are constants of the stage types that write them (src/stages/artifacts.ts).
 */

/** evaluation.json of a classifier (or an evaluation of one): its test metrics and per-class scores. */
export interface Evaluation {
  readonly test_loss?: number;
  readonly test_acc?: number;
  readonly confusion_matrix?: readonly (readonly number[])[];
  /** precision, recall, f1 are null in JSON where they were NaN (no sample predicted or present). */
  readonly per_class?: readonly {
    cls: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    support: number;
  }[];
}

/** predictions.json: a classifier's labels and predictions on the test split, image by image, in the same order. */
export interface Predictions {
  readonly labels: readonly number[];
  readonly predicted: readonly number[];
}
