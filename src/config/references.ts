/**
 * What each kind of stage offers to the stages after it, and how `input:` names it. Pure data so
 * that validation, planning and the runner agree on one table.
 */

export type OutputKind = 'images' | 'model';

export const STAGE_OUTPUTS: Record<string, Record<string, OutputKind>> = {
  autoencoder: { reconstructions: 'images', codes: 'images', model: 'model' },
  classifier: { model: 'model' },
  transform: { images: 'images' },
  // Only when the evaluated model is an autoencoder; semantic checks say so otherwise.
  evaluate: { reconstructions: 'images' },
};

/** The keys of a stage that name other nodes, and what each must name. */
export const REFERENCE_KEYS: Record<string, readonly { readonly key: string; readonly kind: OutputKind }[]> = {
  autoencoder: [{ key: 'input', kind: 'images' }],
  classifier: [{ key: 'input', kind: 'images' }],
  transform: [{ key: 'input', kind: 'images' }],
  evaluate: [
    { key: 'input', kind: 'images' },
    { key: 'model', kind: 'model' },
  ],
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
