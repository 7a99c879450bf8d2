/**
 * A sweep's objective, chosen by what the stage definitions claim (`objectiveClaim`, `headline`):
 * the session computes it once and writes it into the sweep's record and summary.json; readers
 * (the CLI's table, the report) read it from there.
 */
import type { Objective } from '../types/run-events.js';
import { stageType } from './registry.js';

/** A stage as far as choosing an objective goes, in the order the stages run. */
export interface StageOutline {
  readonly name: string;
  readonly type: string;
  /** Whether it reads another stage's output (`ae.reconstructions`), not a data set. */
  readonly readsOutput: boolean;
}

/** The headline metric of the last stage with the highest claim; undefined when no stage claims it. */
export function objectiveOf(stages: readonly StageOutline[]): Objective | undefined {
  let chosen: { claim: number; objective: Objective } | undefined;
  for (const s of stages) {
    const definition = stageType(s.type);
    const claim = definition?.objectiveClaim?.(s.readsOutput) ?? 0;
    if (!definition?.headline || claim <= 0 || (chosen && claim < chosen.claim)) continue;
    chosen = {
      claim,
      objective: { key: `${s.name}.${definition.headline.metric}`, maximize: definition.headline.maximize },
    };
  }
  return chosen?.objective;
}
