import * as tf from '@tensorflow/tfjs';
import { backendCapabilities } from '../backend/capabilities.js';

/**
 * Adam with Keras' update rule, applied to all variables at once as one flat vector.
 *
 * Why flat: tfjs runs every op eagerly, one kernel call each, and its AdamOptimizer spends about
 * fourteen element-wise ops per variable per step (plus a scalar upload for each constant). On
 * the dense autoencoder that was ~70 of a step's ~110 kernels, on the conv autoencoder ~200 of
 * ~330, each mostly dispatch cost. Here the gradients are concatenated, the moments live in two
 * flat tensors, and the update is eleven ops whatever the number of variables, plus a reshape,
 * a slice of the split and an assignment per variable.
 *
 * The rule is Keras' (2 and 3): alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t),
 * m += (g - m)(1 - beta1), v += (g^2 - v)(1 - beta2), w -= alpha * m / (sqrt(v) + epsilon).
 * tfjs divides the bias-corrected moments instead, which places epsilon slightly differently.
 */
export class FlatAdam extends tf.Optimizer {
  static get className(): string {
    return 'Adam';
  }

  /** Variables in the order of the flat vector, fixed by the first step. */
  private order: { name: string; variable: tf.Variable; size: number }[] | undefined;
  private m: tf.Variable | undefined;
  private v: tf.Variable | undefined;
  private t = 0;
  private readonly constants: { oneMinusBeta1: tf.Scalar; oneMinusBeta2: tf.Scalar; epsilon: tf.Scalar };

  constructor(
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    super();
    // Made once: a JS number in an op is a new scalar tensor (an upload) every time.
    this.constants = tf.tidy(() => ({
      oneMinusBeta1: tf.keep(tf.scalar(1 - beta1)),
      oneMinusBeta2: tf.keep(tf.scalar(1 - beta2)),
      epsilon: tf.keep(tf.scalar(epsilon)),
    }));
  }

  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const grads = new Map<string, tf.Tensor>(
      Array.isArray(variableGradients)
        ? variableGradients.map((g) => [g.name, g.tensor])
        : Object.entries(variableGradients),
    );
    if (this.order === undefined) {
      this.order = [...grads.keys()].flatMap((name) => {
        const variable = tf.engine().registeredVariables[name];
        return variable ? [{ name, variable, size: variable.size }] : [];
      });
      const total = this.order.reduce((a, o) => a + o.size, 0);
      this.m = tf.tidy(() => tf.zeros([total]).variable(false));
      this.v = tf.tidy(() => tf.zeros([total]).variable(false));
    }
    const order = this.order;
    const [m, v] = [this.m!, this.v!];
    this.t += 1;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
    const c = this.constants;
    tf.tidy(() => {
      // A variable without a gradient this step (unused by the loss) moves only by its momentum,
      // as in Keras when the gradient is zero.
      // Reshapes are kernels too (on the native backend); 1-d tensors (biases) skip them.
      const flat = order.map(({ name, variable }) => flatten(grads.get(name) ?? tf.zerosLike(variable)));
      const g = flat.length === 1 ? flat[0]! : tf.concat(flat);
      // One kernel where the backend has it (wasm: one SIMD pass), else the eleven ops.
      const fused = backendCapabilities.fusedAdam(g, m, v, {
        oneMinusBeta1: 1 - this.beta1,
        oneMinusBeta2: 1 - this.beta2,
        epsilon: this.epsilon,
        alpha,
      });
      const newM = fused?.[0] ?? tf.add(m, tf.mul(tf.sub(g, m), c.oneMinusBeta1));
      const newV = fused?.[1] ?? tf.add(v, tf.mul(tf.sub(tf.square(g), v), c.oneMinusBeta2));
      const step = fused?.[2] ?? tf.mul(tf.div(newM, tf.add(tf.sqrt(newV), c.epsilon)), alpha);
      m.assign(newM);
      v.assign(newV);
      const parts =
        order.length === 1
          ? [step]
          : tf.split(
              step,
              order.map((o) => o.size),
            );
      order.forEach(({ variable }, i) => {
        const part = parts[i]!;
        variable.assign(tf.sub(variable, variable.rank === 1 ? part : tf.reshape(part, variable.shape)));
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    tf.dispose(Object.values(this.constants));
    if (this.m) tf.dispose([this.m, this.v!]);
    this.m = undefined;
    this.v = undefined;
    this.order = undefined;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}

function flatten(t: tf.Tensor): tf.Tensor {
  return t.rank === 1 ? t : tf.reshape(t, [-1]);
}
