/** How `input:` and `model:` name a node: `digits` for a data set, `<stage>.<output>` for a stage's output. */

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
