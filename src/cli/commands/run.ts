import path from 'node:path';
import { loadExperiment, type Override } from '../../config/load.js';
import { codeVersion } from '../../plan/code-version.js';
import { planExperiment, type Trial } from '../../plan/plan.js';
import { newRunId, RunFolderWriter, type RunRecord } from '../../tracking/run-store.js';
import { countLine, printDiagnostics } from '../diagnostics-output.js';
import { formatMetrics, Progress } from '../progress.js';

export interface RunOptions {
  readonly overrides: Override[];
  readonly backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  readonly runsDir: string;
}

/**
 * `aelab run FILE`: validate (writing nothing if invalid), pick the backend, plan, then train each
 * trial into its own run folder and print where it went.
 */
export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  const outcome = await loadExperiment(file, { overrides: opts.overrides });
  printDiagnostics(outcome.diagnostics, outcome.sources);
  if (!outcome.experiment) {
    process.stderr.write(`${file}: invalid (${countLine(outcome.diagnostics)}); nothing was run\n`);
    return 1;
  }
  const experiment = outcome.experiment;

  // TensorFlow.js loads only here: validate and plan stay fast without it.
  const { selectBackend } = await import('../../backend/select.js');
  const backend = await selectBackend(opts.backend);
  if (!backend.ok) {
    process.stderr.write(`error: ${backend.error}\n`);
    return 1;
  }
  process.stdout.write(`backend: ${backend.value.name}${backend.value.note ? ` (${backend.value.note})` : ''}\n`);

  const { runTrial } = await import('../../run/run-trial.js');
  const { environmentInfo } = await import('../../run/environment.js');
  const projectDir = process.cwd();
  const environment = await environmentInfo(backend.value.name, projectDir);
  const plan = planExperiment(experiment.config, { codeVersion: await codeVersion(), backend: backend.value.name });
  const runId = newRunId(experiment.config.name);
  const runDir = path.join(opts.runsDir, runId);
  process.stdout.write(`run ${runId}: ${plan.trials.length} trial${plan.trials.length === 1 ? '' : 's'} -> ${runDir}\n`);

  let failures = 0;
  for (const trial of plan.trials) {
    const dir = plan.isSweep ? path.join(runDir, 'trials', trial.id) : runDir;
    const record = newRecord(trial, plan.isSweep ? 'trial' : 'run', experiment.file, plan.isSweep ? runId : undefined);
    record.id = plan.isSweep ? `${runId}/${trial.id}` : runId;
    const writer = await RunFolderWriter.create(dir, record, trial.config);
    const progress = new Progress(process.stdout, plan.isSweep ? trial.id : '');
    const result = await runTrial(trial, {
      runDir: dir,
      projectDir,
      dataCacheDir: path.join(opts.runsDir, '.cache', 'data'),
      environment,
      emit: (event) => {
        writer.onEvent(event);
        progress.onEvent(event);
      },
    });
    progress.stop();
    await writer.flush();
    if (result.status === 'failed') failures++;
    printSummary(writer.current, dir);
  }
  return failures > 0 ? 1 : 0;
}

function newRecord(trial: Trial, kind: RunRecord['kind'], file: string, parent?: string): RunRecord {
  return {
    id: '',
    name: trial.config.name,
    kind,
    experiment_file: path.relative(process.cwd(), file) || file,
    ...(parent ? { parent, trial: trial.id, assignment: { ...trial.assignment } } : {}),
    status: 'running',
    start_time: new Date().toISOString(),
    seed: trial.config.seed,
    stages: {},
  };
}

function printSummary(record: RunRecord, dir: string): void {
  const lines = [``, `${record.status === 'finished' ? 'finished' : record.status.toUpperCase()} in ${record.duration_s?.toFixed(1)}s: ${dir}`];
  for (const [name, stage] of Object.entries(record.stages)) {
    lines.push(`  ${name.padEnd(12)} ${stage.status.padEnd(9)} ${formatMetrics(stage.metrics)}`);
  }
  if (record.error) lines.push(`  error: ${record.error.split('\n')[0]}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
