/**
 * How a run's metrics are named and chosen for MLflow. Names are `<stage>/<metric>`: MLflow 3's
 * chart view puts metrics that share a prefix before `/` into one section, so each stage's
 * charts stand together. Each quantity is logged once: aelab validates on the test split, so a
 * per-epoch `val_x` is the test curve and is logged as `<stage>/test_x`, whose last point is the
 * final test value; a series equal at every step to the stage's loss (an autoencoder's
 * `reconstruction` when it has no penalty) is not sent; a final `train_x` that is the last point
 * of the `x` series is not sent again. Values are float32 as TensorFlow.js computed them,
 * written as the shortest decimal that reads back as the same float32.
 */
import type { MetricLine, StageRecord } from '../run-store/index.js';
import { shortestFloat32 } from '../util/float32.js';

export interface MlflowMetric {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
}

/** The MLflow name of a per-epoch metric of a stage. */
export function epochMetricName(stage: string, key: string): string {
  return `${stage}/${key.startsWith('val_') ? `test_${key.slice(4)}` : key}`;
}

/** The MLflow name of a final metric of a stage (`train_loss` is the last point of `loss`). */
export function finalMetricName(stage: string, key: string): string {
  return `${stage}/${key.startsWith('train_') ? key.slice(6) : key}`;
}

const lineKey = (stage: string, step: number, key: string) => `${stage}\u0000${step}\u0000${key}`;

/** Per-epoch metric lines as MLflow metrics, without the lines that repeat another series. */
export class EpochSeries {
  private readonly values = new Map<string, number>();
  /** The last step of each stage's epochs. */
  readonly lastStep = new Map<string, number>();

  constructor(lines: readonly MetricLine[]) {
    for (const l of lines) {
      this.values.set(lineKey(l.stage, l.step, l.key), l.value);
      this.lastStep.set(l.stage, Math.max(this.lastStep.get(l.stage) ?? 0, l.step));
    }
  }

  /** Whether a line repeats its stage's loss at the same step (`reconstruction` == `loss`). */
  private repeatsLoss(l: MetricLine): boolean {
    const loss = l.key.startsWith('val_') ? 'val_loss' : 'loss';
    return l.key !== loss && this.values.get(lineKey(l.stage, l.step, loss)) === l.value;
  }

  metric(l: MetricLine): MlflowMetric | undefined {
    if (this.repeatsLoss(l)) return undefined;
    return { key: epochMetricName(l.stage, l.key), value: shortestFloat32(l.value), step: l.step, timestamp: l.time };
  }

  /** Whether the MLflow series `name` of a stage ends at its last step with this value. */
  endsWith(stage: string, name: string, value: number): boolean {
    const step = this.lastStep.get(stage);
    if (step === undefined) return false;
    for (const [k, v] of this.values) {
      const [s, st, key] = k.split('\u0000');
      if (s === stage && Number(st) === step && epochMetricName(stage, key!) === name && v === value) return true;
    }
    return false;
  }
}

/**
 * A finished stage's final metrics: at its last epoch's step (so they are the last point of the
 * series they end), leaving out those the series already ends with.
 */
export function finalMetrics(stage: string, record: StageRecord, series: EpochSeries, time: number): MlflowMetric[] {
  const step = series.lastStep.get(stage) ?? 0;
  return Object.entries(record.metrics).flatMap(([key, value]) => {
    const name = finalMetricName(stage, key);
    if (series.endsWith(stage, name, value)) return [];
    return [{ key: name, value: shortestFloat32(value), step, timestamp: time }];
  });
}
