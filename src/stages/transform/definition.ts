/** The `transform` stage type: noise over a data set. Its code is in run.ts, loaded when a run needs it. */
import type { TransformStageConfig } from '../../types/experiment-config.js';
import { formatSetting } from '../../util/format-setting.js';
import type { StageDefinition } from '../definition.js';

export const transform: StageDefinition<TransformStageConfig> = {
  type: 'transform',
  outputs: { images: 'images' },
  references: [{ key: 'input', kind: 'images' }],
  // Noise keeps the shape of what it was given.
  outputFlow: (stage, output, flowOf) => (output === 'images' ? flowOf(stage.input) : undefined),
  planLabel: (c) => `transform (${c.noise.kind} noise, ${c.noise.amount})`,
  describe: (c) => `${c.noise.kind.replace(/_/g, ' ')} noise, ${formatSetting(c.noise.amount)}`,
  training: () => '',
  load: async () => (await import('./run.js')).transformStage,
};
