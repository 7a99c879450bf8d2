import path from 'node:path';
import { loadExperiment } from '../../src/config/load.js';
import { codeVersion } from '../../src/plan/code-version.js';
import type { Plan, Trial } from '../../src/plan/plan.js';
import type { RunRecord } from '../../src/run-store/records.js';
import { planRun } from '../../src/run/plan-run.js';
import type { RunEvent } from '../../src/types/run-events.js';
import type { TrialJob, TrialOutcome } from '../../src/run/executor.js';
import { QueueExecutor } from '../../src/run/queue/queue-executor.js';
import { parseQueueUrl } from '../../src/run/queue/redis-url.js';
import { plantSweepFolder } from './forged-sweep.js';

/** A sweep planned from a file as `aelab run` plans it, on the wasm backend. */
/** The run record a submitter starts a trial of `sweep.yaml` with. */
export function trialRecord(sweep: string, trial: Trial): RunRecord {
  return {
    id: `${sweep}/${trial.id}`,
    name: trial.config.name,
    kind: 'trial',
    experiment_file: 'sweep.yaml',
    parent: sweep,
    trial: trial.id,
    assignment: { ...trial.assignment },
    status: 'running',
    start_time: new Date().toISOString(),
    seed: trial.config.seed,
    stages: {},
  };
}

export async function planFile(file: string): Promise<Plan> {
  const loaded = await loadExperiment(file);
  if (!loaded.experiment)
    throw new Error(`invalid test experiment: ${JSON.stringify(loaded.diagnostics.map((d) => d.message))}`);
  // Through the one planning path, so data fingerprints carry their content as `aelab run`'s and a worker's do.
  const planned = await planRun(loaded.experiment.config, {
    backend: 'wasm',
    experimentFile: loaded.experiment.file,
    runsDir: path.join(path.dirname(loaded.experiment.file), 'runs'),
    download: true,
  });
  if (!planned.ok) throw new Error(`cannot plan the test experiment: ${planned.error}`);
  return planned.value.plan;
}

/** A trial as the sweep session hands it to an executor. */
export function jobFor(runsDir: string, sweep: string, trial: Trial): TrialJob {
  return {
    trial,
    runDir: path.join(runsDir, sweep, 'trials', trial.id),
    experimentDir: process.cwd(),
    dataCacheDir: path.join(runsDir, '.cache', 'data'),
    stageCacheDir: path.join(runsDir, '.cache', 'stages'),
    backend: 'wasm',
  };
}

/** Submits every trial of `plan` through a QueueExecutor and waits for their outcomes. */
export async function submitAll(
  queue: string,
  runsDir: string,
  sweep: string,
  plan: Plan,
  opts: { code?: string; attempts?: number; events?: RunEvent[] } = {},
): Promise<Map<string, TrialOutcome>> {
  const address = parseQueueUrl(queue);
  if (!address.ok) throw new Error(address.error);
  // As `aelab run --queue` does, the sweep's folder is made before its trials are queued.
  await plantSweepFolder(runsDir, sweep);
  const executor = await QueueExecutor.open({
    address: address.value,
    runsDir,
    sweep,
    code: opts.code ?? (await codeVersion()),
    ...(opts.attempts ? { attempts: opts.attempts } : {}),
    recordFor: (trial) => ({ ...trialRecord(sweep, trial) }),
    report: () => undefined,
  });
  try {
    const outcomes = await Promise.all(
      plan.trials.map(
        async (t) => [t.id, await executor.run(jobFor(runsDir, sweep, t), (e) => opts.events?.push(e))] as const,
      ),
    );
    return new Map(outcomes);
  } finally {
    await executor.close();
  }
}
