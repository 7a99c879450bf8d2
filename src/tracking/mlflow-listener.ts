import { trialDir } from '../run-store/index.js';
import type { RunEnd, RunEvent, RunListener, RunStart, TrialStart } from '../types/run-events.js';
import { syncedRunUrl } from './mlflow-sync.js';
import { MlflowTracker } from './mlflow-tracker.js';

/**
 * Mirrors a session to MLflow: each event worth it syncs its run folder once the run store has
 * written it, and the end of the run syncs everything once more and says where it went.
 */
export class MlflowListener implements RunListener {
  private run?: RunStart;

  constructor(
    private readonly tracker: MlflowTracker,
    /** Resolves when the run store has written what it received for a folder. */
    private readonly written: (dir: string) => Promise<void>,
    private readonly say: (line: string) => void,
  ) {}

  onRunStarted(run: RunStart): void {
    this.run = run;
  }

  onEvent(event: RunEvent, t: TrialStart): void {
    if (MlflowTracker.wants(event)) void this.written(t.dir).then(() => this.tracker.sync(t.dir, t.sweepDir));
  }

  /** The last sync, which uploads the report too. */
  async onRunFinished(end: RunEnd): Promise<void> {
    const tracker = this.tracker;
    await tracker.flush();
    if (end.sweep) for (const trial of this.run?.trials ?? []) void tracker.sync(trialDir(end.dir, trial.id), end.dir);
    await tracker.sync(end.dir);
    await tracker.flush();
    const url = await syncedRunUrl(end.dir, tracker.uri);
    if (url) this.say(`mlflow: ${url}`);
  }
}
