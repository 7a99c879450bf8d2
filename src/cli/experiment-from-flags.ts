/** The experiment that `run` and `plan` work on: the file, its --set overrides and its --sweep grid. */
import { loadExperiment, type LoadOutcome, type Override } from '../config/load.js';
import type { ExperimentConfig } from '../types/experiment-config.js';

export interface SweepFlag {
  readonly key: string;
  readonly values: unknown[];
  /** Each value as a --set, so that it is checked against the setting's schema. */
  readonly checks: Override[];
}

/**
 * Loads FILE with the flags, once: validated with each --sweep value checked as a --set (so a bad
 * value is reported like one), giving the file with its --set overrides and the --sweep keys
 * added to its grid. `config` is undefined when the file or a flag is invalid.
 */
export async function experimentFromFlags(
  file: string,
  overrides: readonly Override[],
  sweeps: readonly SweepFlag[],
): Promise<{ outcome: LoadOutcome; config?: ExperimentConfig }> {
  const outcome = await loadExperiment(file, { overrides, checks: sweeps.flatMap((s) => s.checks) });
  if (!outcome.experiment) return { outcome };
  let config: ExperimentConfig = outcome.experiment.config;
  if (sweeps.length) {
    const grid = { ...config.sweep?.grid, ...Object.fromEntries(sweeps.map((s) => [s.key, s.values])) };
    config = { ...config, sweep: { ...config.sweep, grid } };
  }
  return { outcome, config };
}
