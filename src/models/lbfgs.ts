/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithm 7.4 and 7.5) with a
 * backtracking line search under the Armijo condition: for smooth convex problems of a few
 * hundred to a few thousand parameters whose value and gradient are costly (a pass over a data
 * set on the backend) and whose update is cheap (plain JavaScript here). No maintained npm
 * package offers it for Node.
 */

/** The value and gradient of the function being minimised, at a point. */
export type Objective = (x: Float64Array) => Promise<{ value: number; gradient: Float64Array }>;

export interface LbfgsOptions {
  /** Pairs of steps and gradient changes kept for the inverse Hessian estimate. Default 10. */
  readonly memory?: number;
  /** Default 200. */
  readonly maxIterations?: number;
  /** Stop when no gradient component exceeds this. Default 1e-5. */
  readonly gradientTolerance?: number;
  /**
   * Stop when a full step promises to lower the value by less than this times max(1, |value|):
   * below the resolution of a value computed in float32 (relative rounding 6e-8, more for a sum),
   * the line search would only chase rounding. Default 1e-6.
   */
  readonly valueTolerance?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Function evaluations, line search included. */
  readonly evaluations: number;
  /**
   * 'gradient' or 'value': that tolerance was met; 'no-decrease': no step along the search
   * direction lowered the value; 'iterations': maxIterations ran out.
   */
  readonly stopped: 'gradient' | 'value' | 'no-decrease' | 'iterations';
}

const ARMIJO = 1e-4;
const HALVINGS = 30;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Two-loop recursion: -H g, H the inverse Hessian estimate from the kept pairs (oldest first). */
function direction(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  const n = g.length;
  const q = Float64Array.from(g);
  const alpha = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    alpha[i] = rho[i]! * dot(s[i]!, q);
    for (let j = 0; j < n; j++) q[j] = q[j]! - alpha[i]! * y[i]![j]!;
  }
  // With no pairs yet, a first step of length 1 along -g keeps the first trial point near x0.
  const last = s.length - 1;
  const gamma = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
  for (let j = 0; j < n; j++) q[j] = q[j]! * gamma;
  for (let i = 0; i < s.length; i++) {
    const beta = rho[i]! * dot(y[i]!, q);
    for (let j = 0; j < n; j++) q[j] = q[j]! + s[i]![j]! * (alpha[i]! - beta);
  }
  return q.map((v) => -v);
}

/** Minimises `f` from `x0` (which it leaves unchanged). */
export async function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): Promise<LbfgsResult> {
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-5;
  const valueTolerance = options.valueTolerance ?? 1e-6;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  let x: Float64Array = Float64Array.from(x0);
  let { value, gradient: g } = await f(x);
  let evaluations = 1;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(g) <= tolerance) return { x, value, iterations: iteration, evaluations, stopped: 'gradient' };
    let d = direction(g, s, y, rho);
    let slope = dot(g, d);
    // Rounding can leave an estimate that points uphill: forget it and start again from -g.
    if (slope >= 0 && s.length) {
      s.length = y.length = rho.length = 0;
      d = direction(g, s, y, rho);
      slope = dot(g, d);
    }
    // A quasi-Newton step of length 1 lowers the value by about -slope / 2.
    if (-slope <= valueTolerance * Math.max(1, Math.abs(value)))
      return { x, value, iterations: iteration, evaluations, stopped: 'value' };
    let step = 1;
    let accepted: { x: Float64Array; value: number; gradient: Float64Array } | undefined;
    for (let h = 0; h < HALVINGS && slope < 0; h++, step /= 2) {
      const trial = x.map((v, j) => v + step * d[j]!);
      const r = await f(trial);
      evaluations++;
      if (r.value <= value + ARMIJO * step * slope) {
        accepted = { x: trial, ...r };
        break;
      }
    }
    if (!accepted) return { x, value, iterations: iteration, evaluations, stopped: 'no-decrease' };
    const sNew = accepted.x.map((v, j) => v - x[j]!);
    const yNew = accepted.gradient.map((v, j) => v - g[j]!);
    const sy = dot(sNew, yNew);
    // Only pairs of positive curvature keep the estimate positive definite.
    if (sy > 1e-12 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    x = accepted.x;
    value = accepted.value;
    g = accepted.gradient;
  }
  return { x, value, iterations: maxIterations, evaluations, stopped: 'iterations' };
}
