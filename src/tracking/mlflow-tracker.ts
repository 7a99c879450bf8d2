import path from 'node:path';
import type { RunEvent } from '../types/run-events.js';
import { MlflowClient } from './mlflow/index.js';
import { isArtifactFailure, syncRun, syncedRunId } from './mlflow-sync.js';

/**
 * Mirrors runs to MLflow while they happen, from the parent process only (parallel trials never
 * race each other on the server). Every update is a sync of the run folder, which the local run
 * store has already written: the local store is the truth, MLflow a copy. If the server fails,
 * the user is warned once and the run goes on locally; `aelab sync` uploads the rest later.
 */
export class MlflowTracker {
  private readonly chains = new Map<string, Promise<void>>();
  /** Folders with a sync queued but not started: a further request for them adds nothing. */
  private readonly queued = new Set<string>();
  private readonly parents = new Map<string, Promise<string | undefined>>();
  private offline = false;
  private artifactWarned = false;

  constructor(
    private readonly client: MlflowClient,
    private readonly experiment: string,
    private readonly warn: (message: string) => void,
  ) {}

  get uri(): string {
    return this.client.uri;
  }

  /** Whether this event is worth a sync: new metrics, a finished stage, the end of a run. */
  static wants(event: RunEvent): boolean {
    return (
      event.type === 'run_started' ||
      event.type === 'epoch' ||
      event.type === 'stage_finished' ||
      event.type === 'run_finished'
    );
  }

  /**
   * Queues a sync of a run folder (after the syncs already queued for it). A trial's parent is the
   * sweep folder, synced first, so that the child can name its parent run.
   */
  sync(dir: string, parentDir?: string): Promise<void> {
    const previous = this.chains.get(dir) ?? Promise.resolve();
    // A queued sync has not read the folder yet, so it will send what this request would.
    if (this.queued.has(dir)) return previous;
    this.queued.add(dir);
    const next = previous.then(async () => {
      this.queued.delete(dir);
      if (this.offline) return;
      const parentRunId = parentDir ? await this.parentRun(parentDir) : undefined;
      if (parentDir && !parentRunId) return;
      const result = await syncRun(this.client, dir, {
        experiment: this.experiment,
        ...(parentRunId ? { parentRunId } : {}),
      });
      if (!result.ok && isArtifactFailure(result.error.message)) this.artifactsFailed(result.error.message);
      else if (!result.ok) this.goOffline(result.error.message, parentDir ?? dir);
    });
    this.chains.set(dir, next);
    return next;
  }

  /** A sweep's own MLflow run, created once however many trials ask for it at the same time. */
  private parentRun(dir: string): Promise<string | undefined> {
    let run = this.parents.get(dir);
    if (!run) {
      run = (async () => {
        const known = await syncedRunId(dir, this.client.uri);
        if (known) return known;
        const parent = await syncRun(this.client, dir, { experiment: this.experiment });
        if (parent.ok) return parent.value.runId;
        this.goOffline(parent.error.message, dir);
        return undefined;
      })();
      this.parents.set(dir, run);
    }
    return run;
  }

  /**
   * The run was ended without its artifacts, which syncing again cannot upload: say what to change
   * on the server (once), and go on tracking the other runs.
   */
  private artifactsFailed(message: string): void {
    if (this.artifactWarned) return;
    this.artifactWarned = true;
    this.warn(`warning: ${message}`);
  }

  private goOffline(message: string, dir: string): void {
    if (this.offline) return;
    this.offline = true;
    this.warn(
      `warning: ${message}\nwarning: the run goes on and is complete locally; \`aelab sync ${path.basename(dir)}\` uploads it to MLflow later`,
    );
  }

  /** Waits for every queued sync. */
  async flush(): Promise<void> {
    await Promise.all(this.chains.values());
  }
}
