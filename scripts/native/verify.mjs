// Checks that the natively built tfjs-node addon loads and computes what the
// pure-JS 'cpu' backend computes: a matMul and both gradients of a conv2d
// (the kernels training needs). Exits non-zero on any mismatch, so that
// scripts/setup-native.sh fails loudly instead of leaving a broken addon.
const tf = await import('@tensorflow/tfjs-node');

if (tf.getBackend() !== 'tensorflow') {
  console.error(`expected the 'tensorflow' backend, got '${tf.getBackend()}'`);
  process.exit(1);
}

// Deterministic inputs made on the host, so both backends see the same numbers.
function seeded(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

function compute() {
  const a = tf.tensor2d(seeded(64 * 96, 1), [64, 96]);
  const b = tf.tensor2d(seeded(96 * 32, 2), [96, 32]);
  const x = tf.tensor4d(seeded(4 * 12 * 12 * 3, 3), [4, 12, 12, 3]);
  const w = tf.tensor4d(seeded(3 * 3 * 3 * 8, 4), [3, 3, 3, 8]);
  const loss = (xx, ww) => tf.conv2d(xx, ww, 1, 'same').relu().square().sum();
  const [dx, dw] = tf.grads(loss)([x, w]);
  return {
    matMul: tf.matMul(a, b).dataSync(),
    conv2d: tf.conv2d(x, w, 2, 'valid').dataSync(),
    conv2dGradInput: dx.dataSync(),
    conv2dGradFilter: dw.dataSync(),
  };
}

const native = compute();
await tf.setBackend('cpu');
const reference = compute();

let failed = false;
for (const key of Object.keys(native)) {
  const got = native[key];
  const want = reference[key];
  let maxRel = 0;
  for (let i = 0; i < want.length; i++) {
    const rel = Math.abs(got[i] - want[i]) / Math.max(1e-3, Math.abs(want[i]));
    maxRel = Math.max(maxRel, rel);
  }
  const ok = got.length === want.length && maxRel < 1e-4;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${key}: ${want.length} values, max relative difference ${maxRel.toExponential(2)}`,
  );
}
console.log(
  `tfjs-node ${tf.version['tfjs-node']}: backend 'tensorflow' ${failed ? 'DIFFERS from' : 'agrees with'} 'cpu'`,
);
process.exit(failed ? 1 : 0);
