import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convCases, convGrads, describeCase, relativeError } from '../support/backend-compare.js';

for (const c of convCases) {
  test(`the wasm conv input gradient equals the cpu backend's for ${describeCase(c)}`, async () => {
    const [dxCpu] = await convGrads(c, 'cpu');
    const [dxWasm] = await convGrads(c, 'wasm');
    const err = relativeError(dxWasm!, dxCpu!);
    assert.ok(err < 1e-4, `relative error ${err}`);
  });
}
