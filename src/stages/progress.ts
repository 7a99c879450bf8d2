import type { TrainCallbacks } from '../models/types.js';
import type { StageContext } from './stage.js';

/** Model callbacks that become batch and epoch events of the stage. */
export function trainingCallbacks(ctx: StageContext, epochs: number): TrainCallbacks {
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
    },
  };
}
