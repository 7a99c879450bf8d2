import { dataContentIdentity, type IdentifyOptions } from '../data/identity.js';
import type { Result } from '../types/result.js';
import { fail, ok } from '../util/result.js';
import { dataSourceKey, planExperiment, type Plan, type PlanOptions } from '../plan/plan.js';
import type { ExperimentConfig } from '../types/experiment-config.js';

/**
 * Plans an experiment with its data sets' content in their fingerprints: every distinct data
 * source of every trial is identified once (a sweep may change a source's settings per trial),
 * then the plan is made again with what was found. Fails with the source's own message when one
 * cannot be read (a missing folder, a failed download).
 */
export async function planWithDataContent(
  config: ExperimentConfig,
  options: PlanOptions,
  identify: IdentifyOptions,
): Promise<Result<Plan>> {
  const draft = planExperiment(config, options);
  const contents = new Map<string, string | undefined>();
  for (const trial of draft.trials) {
    for (const node of trial.nodes) {
      if (node.kind !== 'data' || contents.has(dataSourceKey(node.config))) continue;
      const found = await dataContentIdentity(node.config, identify);
      if (!found.ok) return fail(`data set ${node.name}: ${found.error}`);
      contents.set(dataSourceKey(node.config), found.value);
    }
  }
  return ok(planExperiment(config, { ...options, dataContent: (source) => contents.get(dataSourceKey(source)) }));
}
