import { divergence } from '../models/train-loop.js';
import type { TrainCallbacks } from '../models/types.js';
import { StageError, StageStopped, type StageContext } from './stage.js';

/** Model callbacks that become batch and epoch events of the stage. */
export function trainingCallbacks(ctx: StageContext, epochs: number, monitor?: string): TrainCallbacks {
  return {
    onBatch(epoch, batch, batches, loss) {
      ctx.emit({ type: 'batch', stage: ctx.name, epoch, epochs, batch, batches, loss });
    },
    onEpoch(log) {
      ctx.emit({
        type: 'epoch',
        stage: ctx.name,
        epoch: log.epoch,
        epochs,
        metrics: log.metrics,
        seconds: log.seconds,
      });
      // The epoch is logged first, so that the run's metrics show where it went wrong.
      const why = divergence(log.metrics);
      if (why)
        throw new StageError(
          `${ctx.name}: ${why} at epoch ${log.epoch}; the training diverged: try a lower learning rate (or a smaller penalty weight)`,
        );
      // Keras only warns when the monitored metric is missing; a stage that never stops is worse.
      if (monitor !== undefined && log.epoch === 1 && log.metrics[monitor] === undefined)
        throw new StageError(
          `${ctx.name}: early stopping monitors \`${monitor}\`, which this stage does not log; it logs ${Object.keys(
            log.metrics,
          )
            .filter((k) => k.startsWith('val_'))
            .map((k) => `\`${k}\``)
            .join(', ')}`,
        );
      // The scheduler is asked only after the last epoch would be pointless: nothing is left to save.
      if (ctx.afterEpoch && log.epoch < epochs)
        return ctx.afterEpoch(log.epoch, log.metrics).then((verdict) => {
          if (verdict.decision === 'stop') throw new StageStopped(log.epoch, verdict.reason);
        });
      return undefined;
    },
  };
}
