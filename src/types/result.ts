/**
 * The one Result type: expected failures are values, not exceptions. `E` is a sentence for a
 * person unless a module needs more (diagnostics, MLflow's error kinds).
 */
export type Result<T, E = string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
