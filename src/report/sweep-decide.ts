/**
 * Deciding what a sweep report is about: the objective the session chose (read from the sweep's
 * record or summary.json), the best trial by it, and the key metrics worth a column and a chart
 * (each stage's headline metric, as its definition declares it).
 */
import { objectiveOf } from '../stages/objective.js';
import { stageType } from '../stages/registry.js';
import type { ExperimentConfig } from '../types/experiment-config.js';
import { bestPoint, sweepPoints, typicalTrial, type Objective } from '../run-store/index.js';
import { pipelineOf } from './pipeline.js';
import type { SweepFolder } from './read.js';
import type { TrialRow } from './sweep-rows.js';

export type { Objective };

/**
 * The objective the session wrote into the sweep's record (or summary.json); for a sweep recorded
 * before the record held it, chosen again from its config's stages as the session would.
 */
export function sweepObjective(sweep: SweepFolder): Objective | undefined {
  return sweep.record.objective ?? sweep.summary?.objective ?? objectiveFromConfig(sweep.config);
}

function objectiveFromConfig(config: ExperimentConfig | undefined): Objective | undefined {
  if (!config) return undefined;
  return objectiveOf(
    pipelineOf(config).stages.map((s) => ({
      name: s.name,
      type: s.config.type,
      readsOutput: s.reads.output !== undefined,
    })),
  );
}

/**
 * The best trial: summary.json's, else chosen as the run store chooses it: the point with the
 * best mean of the objective, and its repeat nearest that mean (its only trial without repeats).
 */
export function sweepBest(
  sweep: SweepFolder,
  rows: readonly TrialRow[],
  objective: Objective | undefined,
): string | undefined {
  if (sweep.summary?.best) return sweep.summary.best;
  const points = sweepPoints(rows);
  const best = points.find((p) => p.point === bestPoint(points, objective));
  return best && objective ? typicalTrial(best, rows, objective) : undefined;
}

/** The metrics worth a column and a chart: each stage's headline metric (an autoencoder's test loss, a classifier's test accuracy). */
export function keyMetrics(config: ExperimentConfig | undefined, rows: readonly TrialRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r.metrics)));
  const fromConfig = config
    ? pipelineOf(config).stages.flatMap((s) => {
        const headline = stageType(s.config.type)?.headline;
        return headline ? [`${s.name}.${headline.metric}`] : [];
      })
    : [];
  const keys = fromConfig.filter((k) => present.has(k));
  // Without a config (or with metrics it does not explain), fall back to every test metric but classifier losses.
  if (keys.length === 0)
    return [...present]
      .filter((k) => !(k.endsWith('.test_loss') && present.has(k.replace(/test_loss$/, 'test_acc'))))
      .sort();
  return keys;
}
