/**
 * What each kind of stage offers to the stages after it, and how `input:` names it. Pure data so
 * that validation, planning and the runner agree on one table.
 */

export type OutputKind = 'images' | 'model';

export const STAGE_OUTPUTS: Record<string, Record<string, OutputKind>> = {
  autoencoder: { reconstructions: 'images', codes: 'images', model: 'model' },
  classifier: { model: 'model' },
};

export interface Reference {
  /** A data set or stage name. */
  readonly node: string;
  /** The output of a stage; absent for a data set. */
  readonly output?: string;
}

export function parseReference(text: string): Reference {
  const dot = text.indexOf('.');
  return dot < 0 ? { node: text } : { node: text.slice(0, dot), output: text.slice(dot + 1) };
}

export function formatReference(ref: Reference): string {
  return ref.output === undefined ? ref.node : `${ref.node}.${ref.output}`;
}
