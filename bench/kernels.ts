// Kernel and training-step throughput: pure-JS cpu vs stock wasm vs wasm with the composed
// kernels of src/backend/wasm/kernels.ts. A script, not a test (timings are noisy).
//
//   npx tsc -p . && node dist/bench/kernels.js [--cpu-models] [--quick]
//
// --cpu-models also times model training on 'cpu' (minutes for the CNN); --quick times fewer
// repetitions. The machine is shared: numbers move by 10-20% between runs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels, uninstallWasmKernels } from '../src/backend/wasm/kernels.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const minSeconds = quick ? 0.3 : 1;

type Variant = 'cpu' | 'wasm-original' | 'wasm-composed';

async function use(variant: Variant): Promise<void> {
  await tf.setBackend(variant === 'cpu' ? 'cpu' : 'wasm');
  if (variant === 'wasm-composed') installWasmKernels();
  if (variant === 'wasm-original') {
    installWasmKernels(); // captures the originals the first time
    uninstallWasmKernels(); // puts them back; Conv2DBackpropFilter (no original) stays
  }
}

/** Seconds per call of f, after one warm-up call; repeats until minSeconds have passed. */
function timeIt(f: () => void, maxReps = 50): number {
  f();
  let reps = 0;
  const start = performance.now();
  while (reps < maxReps && (reps === 0 || performance.now() - start < minSeconds * 1000)) {
    f();
    reps++;
  }
  return (performance.now() - start) / 1000 / reps;
}

interface KernelCase {
  label: string;
  kernel: string;
  /** Input shapes by input name. */
  inputs: Record<string, number[]>;
  attrs: Record<string, unknown>;
  flops: number;
  /** cpu is ~30x slower: time it on a batch this many times smaller (GFLOP/s is unaffected). */
  cpuShrink: number;
  /** For conv kernels: which input's leading axis is the batch. */
  batchInputs?: string[];
  batchAttr?: string;
}

function convCase(
  label: string,
  kernel: 'Conv2DBackpropFilter' | 'Conv2DBackpropInput',
  x: [number, number, number, number],
  k: number,
  co: number,
  stride: number,
  pad: 'same' | 'valid',
): KernelCase {
  const info = tf.backend_util.computeConv2DInfo(x, [k, k, x[3], co], stride, 1, pad);
  const dy = info.outShape;
  const flops = 2 * dy[0] * dy[1] * dy[2] * co * k * k * x[3];
  return kernel === 'Conv2DBackpropFilter'
    ? {
        label,
        kernel,
        flops,
        cpuShrink: 8,
        inputs: { x, dy },
        attrs: { strides: stride, pad, dataFormat: 'NHWC', filterShape: [k, k, x[3], co] },
        batchInputs: ['x', 'dy'],
      }
    : {
        label,
        kernel,
        flops,
        cpuShrink: 8,
        inputs: { dy, filter: [k, k, x[3], co] },
        attrs: { strides: stride, pad, dataFormat: 'NHWC', inputShape: x },
        batchInputs: ['dy'],
        batchAttr: 'inputShape',
      };
}

const B = 128;
const kernelCases: KernelCase[] = [
  {
    label: 'dense 9216->128 dW = x^T dy',
    kernel: 'BatchMatMul',
    inputs: { a: [1, B, 9216], b: [1, B, 128] },
    attrs: { transposeA: true, transposeB: false },
    flops: 2 * 9216 * B * 128,
    cpuShrink: 1,
  },
  {
    label: 'dense 9216->128 dx = dy W^T',
    kernel: 'BatchMatMul',
    inputs: { a: [1, B, 128], b: [1, 9216, 128] },
    attrs: { transposeA: false, transposeB: true },
    flops: 2 * 9216 * B * 128,
    cpuShrink: 1,
  },
  {
    label: 'dense 9216->128 forward (no transpose)',
    kernel: 'BatchMatMul',
    inputs: { a: [1, B, 9216], b: [1, 9216, 128] },
    attrs: { transposeA: false, transposeB: false },
    flops: 2 * 9216 * B * 128,
    cpuShrink: 1,
  },
  convCase('cnn conv1 dW 28x28x1 k3 ->32 valid', 'Conv2DBackpropFilter', [B, 28, 28, 1], 3, 32, 1, 'valid'),
  convCase('cnn conv2 dW 26x26x32 k3 ->64 valid', 'Conv2DBackpropFilter', [B, 26, 26, 32], 3, 64, 1, 'valid'),
  convCase('cnn conv2 dx 26x26x32 k3 ->64 valid', 'Conv2DBackpropInput', [B, 26, 26, 32], 3, 64, 1, 'valid'),
  convCase('ae conv 14x14x16 k3 ->8 same dW', 'Conv2DBackpropFilter', [B, 14, 14, 16], 3, 8, 1, 'same'),
  convCase('ae conv 14x14x16 k3 ->8 same dx', 'Conv2DBackpropInput', [B, 14, 14, 16], 3, 8, 1, 'same'),
  convCase('ae conv 28x28x16 k3 ->16 same dx', 'Conv2DBackpropInput', [B, 28, 28, 16], 3, 16, 1, 'same'),
  convCase('stride 2 28x28x16 k3 ->32 same dW', 'Conv2DBackpropFilter', [B, 28, 28, 16], 3, 32, 2, 'same'),
  convCase('stride 2 28x28x16 k3 ->32 same dx', 'Conv2DBackpropInput', [B, 28, 28, 16], 3, 32, 2, 'same'),
  // Memory-bound kernels: no FLOP count, compared by time.
  {
    label: 'cnn maxpool 2x2 grad 24x24x64',
    kernel: 'MaxPoolGrad',
    inputs: { dy: [B, 12, 12, 64], input: [B, 24, 24, 64], output: [B, 12, 12, 64] },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    flops: 0,
    cpuShrink: 8,
    batchInputs: ['dy', 'input', 'output'],
  },
  {
    label: 'ae maxpool 2x2 same grad 7x7x8',
    kernel: 'MaxPoolGrad',
    inputs: { dy: [B, 4, 4, 8], input: [B, 7, 7, 8], output: [B, 4, 4, 8] },
    attrs: { filterSize: 2, strides: 2, pad: 'same' },
    flops: 0,
    cpuShrink: 8,
    batchInputs: ['dy', 'input', 'output'],
  },
  {
    label: 'ae upsampling x2 grad 28x28x16',
    kernel: 'ResizeNearestNeighborGrad',
    inputs: { images: [B, 14, 14, 16], dy: [B, 28, 28, 16] },
    attrs: { alignCorners: false, halfPixelCenters: false },
    flops: 0,
    cpuShrink: 8,
    batchInputs: ['images', 'dy'],
  },
  {
    label: 'conv bias grad: sum [128,24,24,64] over 0,1,2',
    kernel: 'Sum',
    inputs: { x: [B, 24, 24, 64] },
    attrs: { axis: [0, 1, 2], keepDims: false },
    flops: 0,
    cpuShrink: 8,
    batchInputs: ['x'],
  },
];

function shrinkBatch(
  c: KernelCase,
  by: number,
): { inputs: Record<string, number[]>; attrs: Record<string, unknown>; flops: number } {
  if (by === 1 || c.batchInputs === undefined) return { inputs: c.inputs, attrs: c.attrs, flops: c.flops };
  const inputs = { ...c.inputs };
  for (const name of c.batchInputs) {
    const s = inputs[name]!;
    inputs[name] = [Math.max(1, Math.floor(s[0]! / by)), ...s.slice(1)];
  }
  const attrs = { ...c.attrs };
  if (c.batchAttr !== undefined) {
    const s = attrs[c.batchAttr] as number[];
    attrs[c.batchAttr] = [Math.max(1, Math.floor(s[0]! / by)), ...s.slice(1)];
  }
  return { inputs, attrs, flops: c.flops / by };
}

function runKernelOnce(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): void {
  const out = tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  out.dataSync();
  out.dispose();
}

/** GFLOP/s, or for kernels without a FLOP count milliseconds per batch of 128. */
function measure(c: KernelCase, variant: Variant): number | null {
  if (variant === 'wasm-original' && c.kernel === 'Conv2DBackpropFilter') return null; // none
  const shrink = variant === 'cpu' ? c.cpuShrink : 1;
  const { inputs, attrs, flops } = shrinkBatch(c, shrink);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [n, s] of Object.entries(inputs)) tensors[n] = tf.randomNormal(s);
  const seconds = timeIt(() => runKernelOnce(c.kernel, tensors, attrs), variant === 'cpu' ? 2 : 50);
  Object.values(tensors).forEach((t) => t.dispose());
  return flops > 0 ? flops / seconds / 1e9 : seconds * 1000 * shrink;
}

function convAE(): tf.LayersModel {
  // The Keras blog's conv autoencoder: 16-8-8, code 4x4x8.
  const m = tf.sequential();
  const conv = (filters: number, first = false) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      ...(first ? { inputShape: [28, 28, 1] } : {}),
    });
  m.add(conv(16, true));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  m.add(conv(8));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  m.add(conv(8));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
  m.add(conv(8));
  m.add(tf.layers.upSampling2d({ size: [2, 2] }));
  m.add(conv(8));
  m.add(tf.layers.upSampling2d({ size: [2, 2] }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' })); // valid: 16 -> 14
  m.add(tf.layers.upSampling2d({ size: [2, 2] }));
  m.add(tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }));
  m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return m;
}

function mnistCnn(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  m.add(tf.layers.dropout({ rate: 0.5 }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer: 'adadelta', loss: 'categoricalCrossentropy' });
  return m;
}

interface ModelCase {
  label: string;
  build: () => tf.LayersModel;
  target: (x: tf.Tensor4D) => tf.Tensor;
}

const modelCases: ModelCase[] = [
  { label: 'conv AE 16-8-8', build: convAE, target: (x) => x },
  {
    label: 'mnist_cnn',
    build: mnistCnn,
    target: (x) => tf.oneHot(tf.randomUniform([x.shape[0]], 0, 10, 'int32'), 10).toFloat(),
  },
];

/** Samples per second of trainOnBatch at batch `batch`, after two warm-up steps. */
async function trainThroughput(c: ModelCase, batch: number, steps: number): Promise<number> {
  const model = c.build();
  const x = tf.randomUniform([batch, 28, 28, 1]) as tf.Tensor4D;
  const y = c.target(x);
  for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
  const start = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const seconds = (performance.now() - start) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  return (batch * steps) / seconds;
}

/** Kernel time of one training step, summed by kernel name, largest first. */
async function profileStep(c: ModelCase, batch: number): Promise<Array<[string, number]>> {
  const model = c.build();
  const x = tf.randomUniform([batch, 28, 28, 1]) as tf.Tensor4D;
  const y = c.target(x);
  await model.trainOnBatch(x, y);
  const info = await tf.profile(async () => {
    await model.trainOnBatch(x, y);
  });
  const byName = new Map<string, number>();
  for (const k of info.kernels) {
    byName.set(k.name, (byName.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  }
  tf.dispose([x, y]);
  model.dispose();
  return [...byName.entries()].sort((a, b) => b[1] - a[1]);
}

function fmt(v: number | null, digits = 2): string {
  return v === null ? '-' : v.toFixed(digits);
}

async function main(): Promise<void> {
  tf.env().set('PROD', true); // skip NaN checks, as in a real run
  await tf.setBackend('wasm');
  console.log(`tfjs ${tf.version.tfjs}, wasm SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, quick=${quick}`);

  console.log('\nKernels at batch 128: GFLOP/s, or ms where marked (cpu timed on a batch n times smaller, /n;');
  console.log('its ms are scaled back up to 128)');
  console.log(['kernel', 'cpu', 'wasm-original', 'wasm-composed'].join(' | '));
  const variants: Variant[] = ['cpu', 'wasm-original', 'wasm-composed'];
  const table: Record<string, Record<Variant, number | null>> = {};
  for (const v of variants) {
    await use(v);
    for (const c of kernelCases) {
      (table[c.label] ??= { cpu: null, 'wasm-original': null, 'wasm-composed': null })[v] = measure(c, v);
    }
  }
  for (const c of kernelCases) {
    const r = table[c.label]!;
    const shrink = c.cpuShrink > 1 ? ` (/${c.cpuShrink})` : '';
    const unit = c.flops > 0 ? '' : ' ms';
    console.log(`${c.label}${unit} | ${fmt(r.cpu)}${shrink} | ${fmt(r['wasm-original'])} | ${fmt(r['wasm-composed'])}`);
  }

  console.log('\nTraining step throughput, samples/s (trainOnBatch, batch 128, random data)');
  console.log('wasm-original: stock kernels plus the composed Conv2DBackpropFilter (stock wasm cannot train a conv)');
  for (const c of modelCases) {
    const row: string[] = [c.label];
    for (const v of ['wasm-original', 'wasm-composed'] as const) {
      await use(v);
      row.push(`${v} ${fmt(await trainThroughput(c, B, quick ? 2 : 5), 0)}`);
    }
    if (args.has('--cpu-models')) {
      await use('cpu');
      row.push(`cpu ${fmt(await trainThroughput(c, 32, 1), 1)} (batch 32)`);
    }
    console.log(row.join(' | '));
  }

  for (const v of ['wasm-original', 'wasm-composed'] as const) {
    await use(v);
    for (const c of modelCases) {
      const top = (await profileStep(c, B)).slice(0, 8);
      const total = top.reduce((s, [, ms]) => s + ms, 0);
      console.log(`\nProfile, ${v}, ${c.label}, one step of batch ${B}: top kernels (ms)`);
      for (const [name, ms] of top)
        console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(8)}  ${((100 * ms) / total).toFixed(0)}%`);
    }
  }
}

await main();
