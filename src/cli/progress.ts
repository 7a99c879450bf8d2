import type cliProgress from 'cli-progress';
import { createRequire } from 'node:module';
import type { RunEvent, RunListener, RunStart, TrialOutcome, TrialStart } from '../types/run-events.js';

const fmt = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(v) : v.toPrecision(4));

export function formatMetrics(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${fmt(v)}`)
    .join(' ');
}

/** A plain autoencoder's `reconstruction` is its `loss`: on a terminal, say it once. */
function withoutEchoes(metrics: Readonly<Record<string, number>>): Record<string, number> {
  const out = { ...metrics };
  if (out.reconstruction === out.loss) delete out.reconstruction;
  if (out.val_reconstruction === out.val_loss) delete out.val_reconstruction;
  return out;
}

/**
 * Shows a run's progress: on a terminal, a live bar per training stage (batches of the current
 * epoch and the running loss) with a line per finished epoch above it; elsewhere (CI, files,
 * pipes) plain lines, one per epoch, so logs stay readable.
 */
export class Progress implements RunListener {
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  /** Made at the first batch on a terminal: a run whose every stage is cached never loads cli-progress. */
  private multibar?: cliProgress.MultiBar;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    /** In a sweep, lines and bars are prefixed with the trial id. */
    private readonly labelTrials = false,
  ) {}

  private multibarOnTerminal(): cliProgress.MultiBar | undefined {
    if (!this.multibar && this.out.isTTY) {
      const progress = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
      this.multibar = new progress.MultiBar(
        {
          stream: this.out,
          format: '{stage} epoch {epoch}/{epochs} [{bar}] {value}/{total} loss {loss}',
          barsize: 24,
          hideCursor: true,
          clearOnComplete: true,
          autopadding: true,
        },
        progress.Presets.shades_grey,
      );
    }
    return this.multibar;
  }

  private line(text: string): void {
    if (this.multibar) this.multibar.log(`${text}\n`);
    else this.out.write(`${text}\n`);
  }

  readonly onEvent = (e: RunEvent): void => {
    const stage = ('stage' in e ? e.stage : undefined) ?? '';
    const who = this.labelTrials ? `${e.trial} ${stage}`.trim() : stage;
    switch (e.type) {
      case 'stage_started':
        this.line(`${who}: started`);
        break;
      case 'batch': {
        const multibar = this.multibarOnTerminal();
        if (!multibar) return;
        let bar = this.bars.get(who);
        if (!bar) {
          bar = multibar.create(e.batches, 0, { stage: who, epoch: e.epoch, epochs: e.epochs, loss: '-' });
          this.bars.set(who, bar);
        }
        bar.setTotal(e.batches);
        bar.update(e.batch, { stage: who, epoch: e.epoch, epochs: e.epochs, loss: fmt(e.loss) });
        break;
      }
      case 'epoch':
        if (e.cached) break; // a cached stage's history is in its run folder; the terminal says "(cached)"
        this.line(
          `${who} epoch ${e.epoch}/${e.epochs} ${formatMetrics(withoutEchoes(e.metrics))} (${e.seconds.toFixed(1)}s)`,
        );
        break;
      case 'stage_finished':
        this.removeBar(who);
        // A cached stage's seconds are those of the run that computed it, and say so.
        this.line(
          `${who}: ${e.cached ? `from the cache (computed earlier in ${e.seconds.toFixed(1)}s)` : `done in ${e.seconds.toFixed(1)}s`} ${formatMetrics(e.metrics)}`,
        );
        break;
      case 'stage_failed':
        this.removeBar(who);
        this.line(`${who}: FAILED ${e.error.split('\n')[0]}`);
        break;
      case 'stage_skipped':
        this.line(`${who}: skipped (${e.reason})`);
        break;
      case 'stage_stopped':
        this.removeBar(who);
        this.line(`${who}: stopped by the scheduler after epoch ${e.epoch}/${e.epochs}: ${e.reason}`);
        break;
      case 'warning':
        process.stderr.write(`${who ? `${who}: ` : ''}warning: ${e.message}\n`);
        break;
      default:
        break;
    }
  };

  onTrialFinished(t: TrialStart, outcome: TrialOutcome): void {
    if (this.labelTrials) this.trialDone(t.trial, t.assignment ?? {}, outcome);
  }

  onRunFinished(): void {
    this.stop();
  }

  private queued = false;

  onRunStarted(run: RunStart): void {
    this.queued = run.settings.queue !== undefined;
  }

  onTrialTaken(t: TrialStart, worker: string): void {
    this.line(`${t.trial}: running on ${worker}`);
  }

  onInterrupted(): void {
    if (this.queued) {
      process.stderr.write(
        '\ninterrupted: the trials stay on the queue and the workers go on; `aelab resume` follows them again\n',
      );
      return;
    }
    process.stderr.write(
      this.labelTrials
        ? '\ninterrupted: stopping the running trials (finished ones are kept; `aelab resume` continues)\n'
        : '\ninterrupted: stopping the run (finished stages are kept; `aelab resume` continues)\n',
    );
  }

  /** A sweep's trial ended: said at once, failures included, not saved for the end. */
  trialDone(
    trial: string,
    assignment: Readonly<Record<string, unknown>>,
    outcome: { status: string; error?: string; stopped?: { stage: string; epoch: number } },
  ): void {
    const settings = Object.entries(assignment)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    const why =
      outcome.status === 'finished'
        ? ''
        : outcome.stopped
          ? `: at ${outcome.stopped.stage} epoch ${outcome.stopped.epoch}`
          : `: ${(outcome.error ?? '').split('\n')[0]}`;
    this.line(`${trial} ${outcome.status.toUpperCase()} ${settings}${why}`);
  }

  private removeBar(who: string): void {
    const bar = this.bars.get(who);
    if (bar && this.multibar) this.multibar.remove(bar);
    this.bars.delete(who);
  }

  stop(): void {
    this.multibar?.stop();
  }
}
