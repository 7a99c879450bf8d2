/** `source: idx`: a folder with the four IDX files (read by data/idx.ts). */
import type { IdxSourceConfig } from '../../types/experiment-config.js';
import type { DataSourceDefinition } from '../definition.js';
import { planCounts, reportCounts } from './counts.js';

export const idx: DataSourceDefinition<IdxSourceConfig> = {
  source: 'idx',
  planLabel: planCounts,
  describe: (c) => `IDX files in ${c.path}${reportCounts(c)}`,
};
