/**
 * What a training batch costs to make, now that data sets stay bytes in JavaScript memory
 * (models/batches.ts): 256 shuffled digits gathered from the uint8 set and converted to floats,
 * then uploaded as one tensor, against the old way, a tf.gather of 256 rows from the whole set
 * held as one float32 tensor. Both sides run back to back in one process, on each backend that
 * loads; the ratio is what to read (the machine is shared).
 *
 *   npm run build && node dist/bench/batch-making.js [--n 60000] [--batch 256]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../src/backend/select.js';
import { readOfficialTrainingDigits } from '../src/data/mnist-official.js';
import { gatherTensor } from '../src/models/batches.js';
import { epochOrder } from '../src/util/random.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '60000' }, batch: { type: 'string', default: '256' } },
});
const n = Number(values.n);
const batch = Number(values.batch);
const { pixels, labels } = readOfficialTrainingDigits(n);
const samples = { x: pixels, n, shape: [784], labels, classes: 10 };
const order = epochOrder(n, true, 1);
const batches = Math.floor(n / batch);

/** Milliseconds per batch over one epoch of batches, each batch read back so the work is done. */
async function perBatch(make: (indices: Int32Array) => tf.Tensor): Promise<number> {
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const t = make(order.subarray(b * batch, (b + 1) * batch));
    await t.data();
    t.dispose();
  }
  return (performance.now() - started) / batches;
}

for (const choice of ['wasm', 'tensorflow'] as BackendChoice[]) {
  const selected = await selectBackend(choice);
  if (!selected.ok) {
    console.log(`${choice}: not available (${selected.error})`);
    continue;
  }
  const whole = tf.tensor(
    Float32Array.from(pixels, (p) => p / 255),
    [n, 784],
  );
  await perBatch((i) => gatherTensor(samples, [784], i)); // warm-up
  const fromBytes = await perBatch((i) => gatherTensor(samples, [784], i));
  const fromTensor = await perBatch((i) => tf.tidy(() => tf.gather(whole, tf.tensor1d(i, 'int32'))));
  whole.dispose();
  console.log(
    `${choice}: batch from bytes ${fromBytes.toFixed(3)} ms, tf.gather from a float32 tensor ${fromTensor.toFixed(3)} ms ` +
      `(${(fromBytes / fromTensor).toFixed(2)}x), ${batches} batches of ${batch} from ${n} digits`,
  );
}
