/** `source: url`: the four IDX files downloaded once into the cache (by data/download.ts). */
import type { UrlSourceConfig } from '../../types/experiment-config.js';
import type { DataSourceDefinition } from '../definition.js';
import { planCounts, reportCounts } from './counts.js';

export const url: DataSourceDefinition<UrlSourceConfig> = {
  source: 'url',
  planLabel: planCounts,
  describe: (c) => `IDX files from ${c.url}${reportCounts(c)}`,
};
