import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lbfgs } from '../../src/models/lbfgs.js';

test('L-BFGS finds the minimum of a badly scaled quadratic whose minimum is known', async () => {
  // f(x) = sum a_i (x_i - c_i)^2 + (x_0 - x_1)^2: stationary where the gradient is zero, solved by hand below.
  const a = [1, 100, 0.01, 10];
  const c = [1, -2, 3, 0.5];
  const f = (x: Float64Array) => {
    let value = (x[0]! - x[1]!) ** 2;
    const gradient = new Float64Array(4);
    for (let i = 0; i < 4; i++) {
      value += a[i]! * (x[i]! - c[i]!) ** 2;
      gradient[i] = 2 * a[i]! * (x[i]! - c[i]!);
    }
    gradient[0]! += 2 * (x[0]! - x[1]!);
    gradient[1]! -= 2 * (x[0]! - x[1]!);
    return Promise.resolve({ value, gradient });
  };
  // x0, x1 from 2(x0-1) + 2(x0-x1) = 0 and 200(x1+2) - 2(x0-x1) = 0: x0 = (1 + x1) / 2, 201 x1 = -399.
  const x1 = -399 / 201;
  const x0 = (1 + x1) / 2;
  const r = await lbfgs(f, new Float64Array(4), { gradientTolerance: 1e-10, valueTolerance: 0 });
  assert.equal(r.stopped, 'gradient');
  for (const [i, want] of [x0, x1, 3, 0.5].entries())
    assert.ok(Math.abs(r.x[i]! - want) < 1e-8, `x${i} = ${r.x[i]}, want ${want}`);
});
