import * as tf from '@tensorflow/tfjs';
import { adadeltaOps } from '../backend/adadelta-ops.js';
import { backendCapabilities } from '../backend/capabilities.js';

/**
 * Adadelta as Keras and the paper (Zeiler 2012) define it. tfjs 4.22's AdadeltaOptimizer scales
 * each step by the gradient accumulator from *before* the current gradient is added, so its first
 * step is a plain SGD step of learning_rate * g: at Keras' learning rate of 1.0 that throws a CNN
 * out of range at once (the loss jumps to ~10 and stays there). Here the accumulator is updated
 * first, so the first step is about sqrt(epsilon / (1 - rho)) in size, as in Keras.
 */
export class KerasAdadelta extends tf.Optimizer {
  static get className(): string {
    return 'Adadelta';
  }

  private readonly slots = new Map<string, { grad: tf.Variable; update: tf.Variable }>();

  constructor(
    private readonly learningRate: number,
    private readonly rho = 0.95,
    private readonly epsilon = 1e-7,
  ) {
    super();
  }

  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    for (const [name, gradient] of entries) {
      const value = tf.engine().registeredVariables[name];
      if (!value || gradient == null) continue;
      let slot = this.slots.get(name);
      if (!slot) {
        slot = {
          grad: tf.tidy(() => tf.zerosLike(value).variable(false)),
          update: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        this.slots.set(name, slot);
      }
      const { grad, update } = slot;
      tf.tidy(() => {
        const attrs = { rho: this.rho, epsilon: this.epsilon, learningRate: this.learningRate };
        // One kernel where the backend has it (wasm: one SIMD pass), else the fourteen ops.
        const [newGrad, newUpdate, newValue] =
          backendCapabilities.fusedAdadelta(gradient, grad, update, value, attrs) ??
          adadeltaOps(gradient, grad, update, value, attrs);
        grad.assign(newGrad!);
        update.assign(newUpdate!);
        value.assign(newValue!);
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    for (const { grad, update } of this.slots.values()) tf.dispose([grad, update]);
    this.slots.clear();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.rho, config.epsilon);
  }
}
