/** The classifier's model spec from its stage settings (shared by the definition and run.ts). */
import type { ClassifierStageConfig } from '../../types/experiment-config.js';
import type { ClassifierSpec } from '../../models/types.js';

/** The kind of model a classifier stage offers (its definition's `modelKind`, its model output's `model`). */
export const CLASSIFIER_MODEL = 'classifier';

export function classifierSpec(c: ClassifierStageConfig): ClassifierSpec {
  return { arch: c.arch, filters: c.filters, dense: c.dense, dropout: c.dropout, dense_dropout: c.dense_dropout };
}
