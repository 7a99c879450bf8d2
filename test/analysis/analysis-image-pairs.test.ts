import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeImagePairs, encodeImagePairs } from '../../src/analysis/image-pairs.js';
import { rightOnlyFor } from '../../src/analysis/paired.js';

test('the kept test images come back as the same bytes, labels and shape, floats rounded to the nearest byte', () => {
  const originals = Uint8Array.from([0, 17, 255, 128, 3, 4, 250, 9]);
  const reconstructions = Float32Array.from([0, 0.5, 1, 1.2, -0.1, 0.25, 0.999, 0.0019]);
  const file = encodeImagePairs({
    n: 2,
    height: 2,
    width: 2,
    channels: 1,
    labels: Uint8Array.from([7, 3]),
    originals,
    reconstructions,
  });
  const decoded = decodeImagePairs(file);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.error);
  const p = decoded.value;
  assert.deepEqual([p.n, p.height, p.width, p.channels], [2, 2, 2, 1]);
  assert.deepEqual([...p.labels], [7, 3]);
  assert.deepEqual([...p.originals], [...originals]);
  // round(v * 255), clamped to [0, 255]
  assert.deepEqual([...p.reconstructions], [0, 128, 255, 255, 0, 64, 255, 0]);
});

test('a file that is not gzip, has another header or the wrong length is refused, saying why', () => {
  const good = encodeImagePairs({
    n: 1,
    height: 1,
    width: 2,
    channels: 1,
    labels: Uint8Array.from([1]),
    originals: Uint8Array.from([1, 2]),
    reconstructions: Uint8Array.from([3, 4]),
  });
  const notGzip = decodeImagePairs(Buffer.from('hello'));
  assert.ok(!notGzip.ok && /gzip/.test(notGzip.error));
  const otherHeader = decodeImagePairs(gzipSync(Buffer.from('PNG-and-more-bytes-than-a-header')));
  assert.ok(!otherHeader.ok && /header/.test(otherHeader.error));
  const raw = gunzipSync(good);
  const truncated = decodeImagePairs(gzipSync(raw.subarray(0, raw.length - 1)));
  assert.ok(
    !truncated.ok && /do not hold 1 labelled pairs of 1x2x1/.test(truncated.error),
    String(!truncated.ok && truncated.error),
  );
  // A header claiming a billion images does not make the reader allocate them.
  const lying = Buffer.from(raw);
  lying.writeUInt32LE(1_000_000_000, 5);
  assert.ok(!decodeImagePairs(gzipSync(lying)).ok);
});

test('the gallery takes exactly the images the first classifier gets right and the second gets wrong, in order', () => {
  const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];
  const raw = [0, 1, 2, 3, 4, 9, 6, 7, 8, 0, 0, 1]; // wrong on 5 and 9
  const recon = [0, 1, 7, 3, 4, 3, 6, 1, 8, 9, 0, 7]; // wrong on 2, 5, 7 and 11
  // 5: both wrong (left out); 9: only the raw one wrong (left out)
  assert.deepEqual(rightOnlyFor(labels, raw, recon), [2, 7, 11]);
  assert.deepEqual(rightOnlyFor(labels, recon, raw), [9]);
  assert.deepEqual(rightOnlyFor(labels, labels, labels), []);
});
