/** An experiment's settings as its stages train with them: what params.json and MLflow's params record. */
import type { ExperimentConfig, StageConfig } from '../types/experiment-config.js';
import { stageType } from './registry.js';

export function asTrained(config: ExperimentConfig): ExperimentConfig {
  const stages: Record<string, StageConfig> = {};
  for (const [name, stage] of Object.entries(config.stages)) {
    const definition = stageType(stage.type);
    stages[name] = definition?.asTrained ? definition.asTrained(stage) : stage;
  }
  return { ...config, stages };
}
